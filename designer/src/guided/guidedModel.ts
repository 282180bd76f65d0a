import { formatDuration, parseDuration, type DurationUnit } from '../names/duration';
import { conditionWords, guardOf, parseGuard, type Condition } from './condition';
import { idFromTitle as titleId } from '../names/ids';
import { setStateField, stateNames, uniqueName } from '../yaml/definitionEdits';
import { applyEdits, column, deleteIn, findPair, lineStart, nodeAt, parseYaml, scalarText, setIn, valueText } from '../yaml/yamlText';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';

/*
 * The guided view of an item (引导模式): its main flow read as a line of cards — 收件, then steps (审批人) and
 * parallel department sets (并联部门) and conditions (条件分支), then the approved end — and the edits the cards make, each one a patch of the
 * YAML text in place (comments and the rest of the file are kept). A definition that is more than such a line
 * (returns, loops, timers, conditions, nested branches) is shown as far as it is a line, with the parts the view
 * cannot show named and left read-only.
 */

export type CardKind = 'intake' | 'step' | 'parallel' | 'condition' | 'end';

/** Why a card is read-only or a state is not shown. */
export type Reason = 'loop' | 'returns' | 'timer' | 'conditional' | 'nested' | 'signing' | 'unreached' | 'dead-end';

export interface Branch {
  name: string;
  department: string;
  title?: string;
  limit?: string;
  /** the branch body's own states or a fragment other than a plain 审查 → 同意/不同意 */
  custom: boolean;
}

export interface Card {
  id: string;
  kind: CardKind;
  title: string;
  department?: string;
  position?: string;
  limit?: string;
  branches?: Branch[];
  join?: string;
  /** a 条件分支's condition in words and its two ways on */
  condition?: CardCondition;
  /** the state the flow goes on to from here */
  next?: string;
  /** states belonging to this card (补正 that returns to it) */
  helpers: string[];
  helperTitles: string[];
  reasons: Reason[];
  readOnly: boolean;
}

/** A 条件分支: when the condition holds the case goes to `then`, else to `otherwise`; one of them is the next card, the other a later one. */
export interface CardCondition {
  event: string;
  when: Condition;
  words: string;
  then: string;
  otherwise: string;
  /** the later card of the two, which the flow skips to */
  skip: string;
}

export interface HiddenState {
  id: string;
  title: string;
  reason: Reason;
}

export interface Material {
  id: string;
  name: string;
}

export interface GuidedFlow {
  cards: Card[];
  /** main-flow states the view cannot show (reached only through a part it does not show) */
  hidden: HiddenState[];
  /** every part of the flow is shown and editable */
  simple: boolean;
  timeLimit: { promised?: string; statutory?: string };
  materials: Material[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** The targets of a state's transitions, timers and join, with whether any of them is more than a plain target. */
function targetsOf(s: Obj): { targets: string[]; conditional: boolean } {
  const targets: string[] = [];
  let conditional = false;
  for (const v of Object.values(obj(s.on))) {
    if (Array.isArray(v)) {
      conditional = true;
      for (const x of v) {
        const t = typeof x === 'string' ? x : str(obj(x).to);
        if (t) targets.push(t);
      }
    } else {
      const t = typeof v === 'string' ? v : str(obj(v).to);
      if (t) targets.push(t);
    }
  }
  for (const t of Object.values(obj(s.after))) if (typeof t === 'string') targets.push(t);
  const done = str(s.onDone);
  if (done) targets.push(done);
  const onReject = str(obj(s.parallel).onReject);
  if (onReject && onReject !== 'suspend') targets.push(onReject);
  return { targets, conditional };
}

/** A branch body the cards can show as 审查 → 同意 / 不同意: one initial state deciding straight into final states. */
function plainBody(states: Obj): boolean {
  const entries = Object.entries(states);
  if (entries.length === 0) return false;
  for (const [, v] of entries) {
    const s = obj(v);
    if (s.parallel || s.after || s.task) return false;
    if (s.final) continue;
    const { targets, conditional } = targetsOf(s);
    if (conditional) return false;
    if (targets.some((t) => !obj(states[t]).final)) return false;
  }
  return true;
}

/** A 条件分支 state: one event the system sends, to a target guarded by a condition the cards can say in words, else to another. */
function conditionOf(s: Obj): { event: string; when: Condition; then: string; otherwise: string } | null {
  if (Object.keys(s).some((k) => k !== 'title' && k !== 'on')) return null;
  const on = Object.entries(obj(s.on));
  if (on.length !== 1 || !Array.isArray(on[0][1]) || on[0][1].length !== 2) return null;
  const [first, second] = (on[0][1] as unknown[]).map(obj);
  if (first.by !== 'system' || second.by !== 'system') return null;
  if (Object.keys(first).some((k) => !['to', 'by', 'when', 'title'].includes(k)) || Object.keys(second).some((k) => !['to', 'by', 'title'].includes(k))) return null;
  const then = str(first.to);
  const otherwise = str(second.to);
  const when = typeof first.when === 'string' ? parseGuard(first.when) : null;
  return then && otherwise && when ? { event: on[0][0], when, then, otherwise } : null;
}

/** Whether `to` can be reached from `from` along the main flow's transitions. */
function reaches(states: Obj, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === to) return true;
    for (const t of targetsOf(obj(states[at])).targets) {
      if (!seen.has(t) && states[t] !== undefined) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return false;
}

function hasNested(states: Obj): boolean {
  return Object.values(states).some((v) => obj(v).parallel !== undefined);
}

/** Reads the guided view of a definition (the parsed YAML as plain data). */
export function readFlow(definition: unknown): GuidedFlow {
  const def = obj(definition);
  const states = obj(def.states);
  const names = Object.keys(states);
  const fragments = obj(def.fragments);
  const item = obj(def.item);
  const tl = obj(item.timeLimit);
  const materials = (Array.isArray(def.materials) ? def.materials : []).map((m) => ({ id: str(obj(m).id) ?? '', name: str(obj(m).name) ?? str(obj(m).id) ?? '' }));
  const flow: GuidedFlow = { cards: [], hidden: [], simple: true, timeLimit: { promised: str(tl.promised), statutory: str(tl.statutory) }, materials };

  const isFinal = (n: string) => obj(states[n]).final === true;
  const approvedFinal = (n: string) => isFinal(n) && (obj(states[n]).outcome ?? 'approved') === 'approved';
  const shown = new Set<string>();
  let cur: string | undefined = names.find((n) => obj(states[n]).initial === true) ?? names[0];
  while (cur !== undefined && states[cur] !== undefined && !shown.has(cur)) {
    const id: string = cur;
    const s = obj(states[id]);
    shown.add(id);
    const title = str(s.title) ?? id;
    if (s.final) {
      flow.cards.push({ id, kind: 'end', title, helpers: [], helperTitles: [], reasons: [], readOnly: false });
      break;
    }
    const cond = conditionOf(s);
    if (cond && states[cond.then] !== undefined && states[cond.otherwise] !== undefined && !shown.has(cond.then) && !shown.has(cond.otherwise)) {
      // The way that leads on to the other is the next card; the other is a later card the flow skips to.
      const [next, skip] = reaches(states, cond.then, cond.otherwise) ? [cond.then, cond.otherwise] : reaches(states, cond.otherwise, cond.then) ? [cond.otherwise, cond.then] : [];
      if (next && skip) {
        const condition = { ...cond, words: conditionWords(cond.when), skip };
        flow.cards.push({ id, kind: 'condition', title, condition, next, helpers: [], helperTitles: [], reasons: [], readOnly: false });
        cur = next;
        continue;
      }
    }
    const reasons: Reason[] = [];
    const { targets, conditional } = targetsOf(s);
    if (conditional) reasons.push('conditional');
    if (s.after !== undefined) reasons.push('timer');
    const task = obj(s.task);
    if (task.returns !== undefined) reasons.push('returns');
    if ((task.signing !== undefined && task.signing !== 'single') || task.signers !== undefined || task.person !== undefined || task.personFrom !== undefined) reasons.push('signing');

    // A helper is a state only this step leads to whose every way on comes back here (补正 → 收件).
    const helpers = [...new Set(targets)].filter((t) => {
      if (t === id || isFinal(t) || shown.has(t) || states[t] === undefined) return false;
      const h = obj(states[t]);
      if (h.parallel) return false;
      // Its way on is back here; it may also end the case refused (补正期满不予受理).
      const back = targetsOf(h);
      const onward = back.targets.filter((x) => !isFinal(x) || approvedFinal(x));
      if (back.conditional || onward.length === 0 || onward.some((x) => x !== id)) return false;
      return names.every((o) => o === id || o === t || !targetsOf(obj(states[o])).targets.includes(t));
    });
    for (const h of helpers) shown.add(h);
    const forward = [...new Set(targets.filter((t) => t !== id && !helpers.includes(t) && (!isFinal(t) || approvedFinal(t))))];
    if (forward.some((t) => shown.has(t))) reasons.push('loop');
    const ahead = forward.filter((t) => !shown.has(t));
    if (ahead.length > 1 && !reasons.includes('conditional')) reasons.push('conditional');

    const card: Card = {
      id,
      kind: flow.cards.length === 0 ? 'intake' : s.parallel ? 'parallel' : 'step',
      title,
      department: str(s.department),
      position: str(task.position),
      limit: str(s.limit),
      helpers,
      helperTitles: helpers.map((h) => str(obj(states[h]).title) ?? h),
      reasons,
      readOnly: false,
    };
    if (s.parallel) {
      const par = obj(s.parallel);
      card.join = typeof par.join === 'string' ? par.join : par.join === undefined ? 'all' : 'atLeast';
      card.branches = Object.entries(obj(par.branches)).map(([name, v]) => {
        const b = obj(v);
        const body = b.use !== undefined ? obj(obj(fragments[str(b.use) ?? '']).states) : obj(b.states);
        if (hasNested(body) && !reasons.includes('nested')) reasons.push('nested');
        return { name, department: str(b.department) ?? '', title: str(b.title), limit: str(b.limit), custom: !plainBody(body) };
      });
      if (card.join === 'atLeast' && !reasons.includes('conditional')) reasons.push('conditional');
    }
    card.readOnly = reasons.length > 0;
    if (ahead.length === 1 && !reasons.includes('conditional')) card.next = ahead[0];
    else if (ahead.length === 0 && !reasons.includes('loop')) card.reasons.push('dead-end');
    flow.cards.push(card);
    cur = card.next;
  }

  // A condition's later way must lead to a card further down the line, else the cards cannot show it.
  flow.cards.forEach((c, i) => {
    if (c.condition && !flow.cards.slice(i + 1).some((x) => x.id === c.condition!.skip)) {
      c.reasons.push('conditional');
      c.readOnly = true;
    }
  });
  // Refusal ends (final states other than the approved end) are the cards' 不同意 and need no card of their own.
  for (const n of names) {
    if (shown.has(n)) continue;
    if (isFinal(n) && !approvedFinal(n)) continue;
    flow.hidden.push({ id: n, title: str(obj(states[n]).title) ?? n, reason: 'unreached' });
  }
  flow.simple = flow.hidden.length === 0 && flow.cards.every((c) => !c.readOnly && !c.reasons.includes('dead-end'));
  return flow;
}

// ---------------------------------------------------------------- ids and durations

/** An id for a new name from its Chinese title, as the inspector makes one (审批人 → shen-pi-ren), unique among `existing`. */
export function idFromTitle(title: string, existing: string[], fallback = 'step'): string {
  return titleId(title, existing, fallback);
}

/** The units the cards offer (工作日 / 工作小时 / 自然日), a subset of the DSL's (src/names/duration.ts). */
export type Unit = Extract<DurationUnit, 'wd' | 'wh' | 'd'>;
export const units: Unit[] = ['wd', 'wh', 'd'];
const isUnit = (u: DurationUnit): u is Unit => (units as DurationUnit[]).includes(u);

/** A duration as a number and a unit the cards offer (`5wd` → 5 工作日); anything else is not split. */
export function splitDuration(d: string | undefined): { amount: string; unit: Unit } | null {
  if (!d) return { amount: '', unit: 'wd' };
  const p = parseDuration(d);
  return p && isUnit(p.unit) ? { amount: p.amount, unit: p.unit } : null;
}

/** The duration text for a number and unit; empty when no positive number is given. */
export function joinDuration(amount: string, unit: Unit): string | undefined {
  return formatDuration(amount, unit) ?? undefined;
}

// ---------------------------------------------------------------- edits (text in, text out)

/** Points every transition, timer and join of `from` that goes to `oldTarget` at `newTarget`. */
export function retarget(text: string, from: string, oldTarget: string, newTarget: string): string {
  const doc = parseYaml(text);
  const base = ['states', from];
  const paths: (string | number)[][] = [];
  const on = nodeAt(doc, [...base, 'on']);
  if (isMap(on)) {
    for (const p of on.items as Pair<Node, Node | null>[]) {
      const ev = String((p.key as { value: unknown }).value);
      if (isScalar(p.value) && p.value.value === oldTarget) paths.push([...base, 'on', ev]);
      else if (isMap(p.value)) {
        const to = p.value.get('to', true);
        if (isScalar(to) && to.value === oldTarget) paths.push([...base, 'on', ev, 'to']);
      } else if (isSeq(p.value)) {
        (p.value.items as Node[]).forEach((x, i) => {
          if (isScalar(x) && x.value === oldTarget) paths.push([...base, 'on', ev, i]);
          else if (isMap(x)) {
            const to = x.get('to', true);
            if (isScalar(to) && to.value === oldTarget) paths.push([...base, 'on', ev, i, 'to']);
          }
        });
      }
    }
  }
  const after = nodeAt(doc, [...base, 'after']);
  if (isMap(after)) {
    for (const p of after.items as Pair<Node, Node | null>[]) {
      if (isScalar(p.value) && p.value.value === oldTarget) paths.push([...base, 'after', String((p.key as { value: unknown }).value)]);
    }
  }
  const done = nodeAt(doc, [...base, 'onDone']);
  if (isScalar(done) && done.value === oldTarget) paths.push([...base, 'onDone']);
  let out = text;
  for (const p of paths) out = setIn(out, p, newTarget);
  return out;
}

/** The main flow's refusal end (a final state with outcome rejected), added as 不予许可 when there is none. */
export function ensureRejected(text: string): { text: string; name: string } {
  const def = obj(parseYaml(text).toJS());
  const states = obj(def.states);
  const found = Object.keys(states).find((n) => obj(states[n]).final === true && obj(states[n]).outcome === 'rejected');
  if (found) return { text, name: found };
  const name = uniqueName(Object.keys(states), 'rejected');
  return { text: setIn(text, ['states', name], { title: '不予许可', final: true, outcome: 'rejected' }), name };
}

/** The fragment the new branches use: an existing plain 审查 → 同意/不同意 one, else `review` added. */
export function ensureReviewFragment(text: string): { text: string; name: string } {
  const def = obj(parseYaml(text).toJS());
  const fragments = obj(def.fragments);
  const plain = Object.keys(fragments).find((f) => plainBody(obj(obj(fragments[f]).states)) && hasApproveReject(obj(obj(fragments[f]).states)));
  if (plain) return { text, name: plain };
  const name = uniqueName(Object.keys(fragments), 'review');
  const body = {
    states: {
      reviewing: { title: '审查', initial: true, on: { approve: 'approved', reject: 'rejected' } },
      approved: { title: '同意', final: true, outcome: 'approved' },
      rejected: { title: '不同意', final: true, outcome: 'rejected' },
    },
  };
  return { text: setIn(text, ['fragments', name], body), name };
}

function hasApproveReject(states: Obj): boolean {
  const outcomes = new Set(Object.values(states).map((v) => obj(v).outcome));
  return outcomes.has('approved') && outcomes.has('rejected') && Object.values(states).some((v) => obj(v).initial === true);
}

function cardOf(text: string, id: string): Card {
  const card = readFlow(parseYaml(text).toJS()).cards.find((c) => c.id === id);
  if (!card) throw new Error(`'${id}' is not a card of the guided view`);
  return card;
}

const plainValue = (v: unknown) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));

/** A pair written as the catalog writes states: small maps on one line (`task: { position: reviewer }`), larger ones as blocks. */
function pairLines(key: string, value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const k = scalarText(key, false);
  if (value === null || typeof value !== 'object') return [`${pad}${k}: ${scalarText(value, false)}`];
  if (Array.isArray(value) && value.length > 0 && value.every((x) => x && typeof x === 'object' && !Array.isArray(x) && Object.values(x as Obj).every((v) => v === null || typeof v !== 'object'))) {
    return [`${pad}${k}:`, ...value.map((x) => `${pad}  - ${entryText(x as Obj)}`)];
  }
  if (Array.isArray(value) || Object.values(value as Obj).every(plainValue)) return [`${pad}${k}: ${valueText(value, true, indent)}`];
  return [`${pad}${k}:`, ...Object.entries(value as Obj).flatMap(([c, v]) => pairLines(c, v, indent + 2))];
}

/** A transition written on one line as the catalog writes them, its guard in double quotes. */
function entryText(e: Obj): string {
  return `{ ${Object.entries(e)
    .map(([k, v]) => `${scalarText(k, true)}: ${scalarText(v, true, k === 'when' ? 'QUOTE_DOUBLE' : undefined)}`)
    .join(', ')} }`;
}

/** Adds a main-flow state just above the state `before` (and the comment lines over it), so the file reads in the flow's order. */
export function insertStateBefore(text: string, before: string, name: string, value: Obj): string {
  const doc = parseYaml(text);
  const states = nodeAt(doc, ['states']);
  const pair = isMap(states) && !states.flow ? findPair(states, before) : undefined;
  if (!pair) return setIn(text, ['states', name], value);
  const indent = column(text, pair.key.range![0]);
  let at = lineStart(text, pair.key.range![0]);
  while (at > 0) {
    const prev = lineStart(text, at - 1);
    const line = text.slice(prev, at - 1);
    if (!/^\s*#/.test(line) || column(text, prev + line.search(/\S/)) !== indent) break;
    at = prev;
  }
  return applyEdits(text, [{ from: at, to: at, insert: pairLines(name, value, indent).join('\n') + '\n' }]);
}

export interface StepInput {
  title: string;
  department: string;
  position?: string;
  limit?: string;
}

/** Adds an approval step (审批人) after the card `after`: 同意 goes on to where `after` went, 不同意 to the refusal end. */
export function insertStep(text: string, after: string, step: StepInput): { text: string; id: string } {
  const prev = cardOf(text, after);
  if (prev.readOnly || !prev.next) throw new Error(`no step can be added after '${after}'`);
  const rejected = ensureRejected(text);
  let out = rejected.text;
  const id = idFromTitle(step.title, stateNames(parseYaml(out), ''));
  const by = `department:${step.department}`;
  const value: Obj = { title: step.title, department: step.department };
  if (step.limit) value.limit = step.limit;
  if (step.position) value.task = { position: step.position };
  value.on = { approve: { to: prev.next, by }, reject: { to: rejected.name, by } };
  out = insertStateBefore(out, prev.next, id, value);
  return { text: retarget(out, after, prev.next, id), id };
}

export interface BranchInput {
  department: string;
  title?: string;
  limit?: string;
}

function branchName(department: string, existing: string[]): string {
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(department) ? uniqueName(existing, department) : idFromTitle(department, existing, 'branch');
}

function branchValue(b: BranchInput, use: string): Obj {
  const v: Obj = { department: b.department };
  if (b.title) v.title = b.title;
  if (b.limit) v.limit = b.limit;
  v.use = use;
  return v;
}

/** Adds a parallel department set (并联部门) after the card `after`: every department must agree, a refusal ends the case refused. */
export function insertParallel(text: string, after: string, title: string, branches: BranchInput[]): { text: string; id: string } {
  if (branches.length === 0) throw new Error('a parallel set needs a department');
  const prev = cardOf(text, after);
  if (prev.readOnly || !prev.next) throw new Error(`nothing can be added after '${after}'`);
  const rejected = ensureRejected(text);
  const fragment = ensureReviewFragment(rejected.text);
  let out = fragment.text;
  const id = idFromTitle(title, stateNames(parseYaml(out), ''), 'approval');
  const named: Obj = {};
  for (const b of branches) named[branchName(b.department, Object.keys(named))] = branchValue(b, fragment.name);
  out = insertStateBefore(out, prev.next, id, { title, parallel: { join: 'all', onReject: rejected.name, branches: named }, onDone: prev.next });
  return { text: retarget(out, after, prev.next, id), id };
}

/** Adds a department to a parallel set. */
export function addBranch(text: string, card: string, b: BranchInput): string {
  const c = cardOf(text, card);
  if (c.kind !== 'parallel' || c.readOnly) throw new Error(`'${card}' is not an editable parallel set`);
  const fragment = ensureReviewFragment(text);
  const name = branchName(b.department, (c.branches ?? []).map((x) => x.name));
  return setIn(fragment.text, ['states', card, 'parallel', 'branches', name], branchValue(b, fragment.name));
}

/** Removes a department from a parallel set (the last one stays: delete the card instead). */
export function removeBranch(text: string, card: string, branch: string): string {
  const c = cardOf(text, card);
  if ((c.branches ?? []).length <= 1) throw new Error('a parallel set keeps at least one department');
  return deleteIn(text, ['states', card, 'parallel', 'branches', branch]);
}

export function setBranchField(text: string, card: string, branch: string, field: 'limit' | 'title' | 'department', value: string | undefined): string {
  const path = ['states', card, 'parallel', 'branches', branch, field];
  return value ? setIn(text, path, value) : deleteIn(text, path);
}

/** Sets a card's title, step limit or position; the department also moves the `by: department:…` of its decisions. */
export function setCardField(text: string, card: string, field: 'title' | 'limit' | 'department' | 'position' | 'join', value: string | undefined): string {
  if (field === 'join') return setIn(text, ['states', card, 'parallel', 'join'], value ?? 'all');
  if (field === 'position') {
    const task = obj(obj(obj(obj(parseYaml(text).toJS()).states)[card]).task);
    if (value) return setIn(text, ['states', card, 'task', 'position'], value);
    return Object.keys(task).every((k) => k === 'position') ? deleteIn(text, ['states', card, 'task']) : deleteIn(text, ['states', card, 'task', 'position']);
  }
  if (field !== 'department') return setStateField(text, card, [field], value);
  const before = str(obj(obj(obj(parseYaml(text).toJS()).states)[card]).department);
  let out = setStateField(text, card, ['department'], value);
  if (before && value && before !== value) {
    const on = nodeAt(parseYaml(out), ['states', card, 'on']);
    if (isMap(on)) {
      for (const p of on.items as Pair<Node, Node | null>[]) {
        const ev = String((p.key as { value: unknown }).value);
        const by = isMap(p.value) ? p.value.get('by', true) : undefined;
        if (isScalar(by) && by.value === `department:${before}`) out = setIn(out, ['states', card, 'on', ev, 'by'], `department:${value}`);
      }
    }
  }
  return out;
}

/** Removes a step or parallel set: the card before it goes on to where it went. */
export function deleteCard(text: string, id: string): string {
  const flow = readFlow(parseYaml(text).toJS());
  const i = flow.cards.findIndex((c) => c.id === id);
  const card = flow.cards[i];
  if (!card || card.kind === 'intake' || card.kind === 'end') throw new Error(`'${id}' cannot be deleted here`);
  if (card.readOnly || !card.next) throw new Error(`'${id}' is read-only in the guided view`);
  const prev = flow.cards[i - 1];
  if (prev.readOnly) throw new Error(`'${prev.id}' before it is read-only in the guided view`);
  let out = retarget(text, prev.id, id, card.next);
  // A condition that skips to this card skips to the one after it.
  for (const c of flow.cards) if (c.id !== prev.id && c.condition?.skip === id) out = retarget(out, c.id, id, card.next);
  out = deleteIn(out, ['states', id]);
  return out;
}

export function setTimeLimit(text: string, which: 'promised' | 'statutory', value: string | undefined): string {
  return value ? setIn(text, ['item', 'timeLimit', which], value) : deleteIn(text, ['item', 'timeLimit', which]);
}

/** Adds a material by its name; its id comes from the name's pinyin. */
export function addMaterial(text: string, name: string): string {
  const def = obj(parseYaml(text).toJS());
  const list = Array.isArray(def.materials) ? def.materials : [];
  const id = idFromTitle(name, list.map((m) => str(obj(m).id) ?? ''), 'material');
  return setIn(text, ['materials', list.length], { id, name: name.trim() });
}

export function removeMaterial(text: string, id: string): string {
  const def = obj(parseYaml(text).toJS());
  const list = Array.isArray(def.materials) ? def.materials : [];
  const i = list.findIndex((m) => obj(m).id === id);
  return i < 0 ? text : deleteIn(text, ['materials', i]);
}

export interface ConditionInput {
  when: Condition;
  /** where the case goes when the condition holds, and else: one of them the card after, the other a later card */
  then: string;
  otherwise: string;
}

/** The cards a condition after `card` may lead to: the ones after it in the line (the next one first). */
export function laterCards(flow: GuidedFlow, card: string): Card[] {
  const i = flow.cards.findIndex((c) => c.id === card);
  return i < 0 ? [] : flow.cards.slice(i + 1);
}

/** Why a condition's ways on cannot be written after `card`, whose next card is `next`; null when they can. */
export function conditionProblem(flow: GuidedFlow, card: string, next: string, input: ConditionInput): 'guard' | 'same' | 'next' | 'later' | null {
  if (!guardOf(input.when)) return 'guard';
  if (input.then === input.otherwise) return 'same';
  if (input.then !== next && input.otherwise !== next) return 'next';
  const later = laterCards(flow, card).map((c) => c.id);
  if (!later.includes(input.then) || !later.includes(input.otherwise)) return 'later';
  return null;
}

function routeEntries(input: ConditionInput): Obj[] {
  return [
    { to: input.then, by: 'system', when: guardOf(input.when), title: conditionWords(input.when) },
    { to: input.otherwise, by: 'system', title: '其他情况' },
  ];
}

/** Adds a 条件分支 after the card `after`: the system sends `route` at once, to `then` when the condition holds, else to `otherwise`. */
export function insertCondition(text: string, after: string, title: string, input: ConditionInput): { text: string; id: string } {
  const flow = readFlow(parseYaml(text).toJS());
  const prev = flow.cards.find((c) => c.id === after);
  if (!prev || prev.readOnly || !prev.next) throw new Error(`nothing can be added after '${after}'`);
  const problem = conditionProblem(flow, after, prev.next, input);
  if (problem) throw new Error(`the condition cannot be added after '${after}' (${problem})`);
  const id = idFromTitle(title, stateNames(parseYaml(text), ''), 'condition');
  const out = insertStateBefore(text, prev.next, id, { title, on: { route: routeEntries(input) } });
  return { text: retarget(out, after, prev.next, id), id };
}

/** Changes a 条件分支's condition and its two ways on, each patched in place. */
export function setCondition(text: string, card: string, input: ConditionInput): string {
  const flow = readFlow(parseYaml(text).toJS());
  const c = flow.cards.find((x) => x.id === card);
  if (!c?.condition || c.readOnly || !c.next) throw new Error(`'${card}' is not an editable condition`);
  const problem = conditionProblem(flow, card, c.next, input);
  if (problem) throw new Error(`the condition of '${card}' cannot be written (${problem})`);
  const [first, second] = routeEntries(input);
  const base = ['states', card, 'on', c.condition.event];
  let out = text;
  for (const k of ['to', 'when', 'title'] as const) out = setIn(out, [...base, 0, k], first[k]);
  for (const k of ['to', 'title'] as const) out = setIn(out, [...base, 1, k], second[k]);
  return out;
}
