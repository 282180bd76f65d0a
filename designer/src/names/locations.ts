import type { SemanticChange } from '../api/types';
import { durationsInText, durationWords } from './duration';
import { isNamesKey, wordOf, type Say, type WordKey } from './words';

/*
 * Where something is in a definition, said in names: 状态“出证” › 事件“出证” rather than `/states/issuing/on/issue`.
 * Used by the problems panel (a diagnostic's JSON pointer) and the versions diff (a semantic change's key); the raw
 * path stays available beside it (a tooltip). States, branches and events are named by their titles, materials by
 * their names, fields by words; what has no name is shown as written.
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);


/** What a location is said with: the dictionary, and department names (organization.yaml) where known. */
export interface Words {
  t: Say;
  departments?: Record<string, string>;
}

export const locationSeparator = ' › ';

const named = (w: Words, kind: string, name: string) => `${w.t(`loc_${kind}` as WordKey)}“${name}”`;
const nth = (w: Words, n: number) => w.t('loc_nth', { n });

/** A field's word (`to` → 目标状态); a key with none is shown as written. */
export function fieldWord(w: Words, key: string): string {
  const k = `field_${key}`;
  return isNamesKey(k) ? w.t(k) : key;
}

/** A role as the DSL writes it in words: window → 窗口, `department:market-regulation` → its department's name. */
export function roleWords(w: Words, role: string): string {
  if (role.startsWith('department:')) {
    const id = role.slice('department:'.length);
    return w.departments?.[id] ?? id;
  }
  return wordOf(w.t, 'role', role);
}

const unit = (w: Words) => (u: string) => w.t(`unit_${u}` as WordKey);

/** A state's title (its name when it has none). */
export function stateTitle(states: unknown, name: string): string {
  return text(obj(obj(states)[name]).title) ?? name;
}

/** A fragment's name in words: its own title if it has one, else the title of its initial state (片段“审查”). */
export function fragmentTitle(definition: unknown, name: string): string {
  const f = obj(obj(obj(definition).fragments)[name]);
  if (text(f.title)) return text(f.title)!;
  const states = obj(f.states);
  const initial = Object.keys(states).find((s) => obj(states[s]).initial === true) ?? Object.keys(states)[0];
  return initial ? stateTitle(states, initial) : name;
}

/** An event's title: the transition's own `title`, the built-in word for a common event (accept → 受理), else as written. */
export function eventTitle(w: Words, transition: unknown, event: string): string {
  const first = Array.isArray(transition) ? transition.find((x) => text(obj(x).title)) : transition;
  return text(obj(first).title) ?? wordOf(w.t, 'ev', event);
}

function fields(w: Words, segs: string[], from: number, parts: string[]) {
  for (let i = from; i < segs.length; i++) parts.push(/^\d+$/.test(segs[i]) ? nth(w, Number(segs[i]) + 1) : fieldWord(w, segs[i]));
}

/** The states map of a region, following a branch's `use:` to its fragment. */
function branchStates(def: Obj, branch: Obj): unknown {
  return branch.states ?? (typeof branch.use === 'string' ? obj(obj(def.fragments)[branch.use]).states : undefined);
}

function inRegion(w: Words, def: Obj, states: unknown, segs: string[], i: number, parts: string[]) {
  const name = segs[i];
  if (name === undefined) return;
  const st = obj(obj(states)[name]);
  parts.push(named(w, 'state', stateTitle(states, name)));
  const key = segs[i + 1];
  if (key === 'on' && segs[i + 2] !== undefined) {
    const event = segs[i + 2];
    const tr = obj(st.on)[event];
    parts.push(named(w, 'event', eventTitle(w, tr, event)));
    fields(w, segs, i + 3, parts);
  } else if (key === 'after' && segs[i + 2] !== undefined) {
    parts.push(named(w, 'timer', durationWords(segs[i + 2], unit(w))));
    fields(w, segs, i + 3, parts);
  } else if (key === 'parallel' && segs[i + 2] === 'branches' && segs[i + 3] !== undefined) {
    const b = segs[i + 3];
    const branch = obj(obj(obj(st.parallel).branches)[b]);
    parts.push(named(w, 'branch', text(branch.title) ?? b));
    if (segs[i + 4] === 'states') inRegion(w, def, branchStates(def, branch), segs, i + 5, parts);
    else fields(w, segs, i + 4, parts);
  } else {
    fields(w, segs, i + 1, parts);
  }
}

/** The parts of a JSON pointer into a definition, in names (`/states/issuing/on/issue` → [状态“出证”, 事件“出证”]). */
export function locationParts(path: string | null | undefined, definition: unknown, w: Words): string[] {
  if (!path) return [];
  const segs = path
    .split('/')
    .filter((s, i) => i > 0 || s !== '')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (segs.length === 0) return [];
  const def = obj(definition);
  const parts: string[] = [];
  const [head, second] = segs;
  if (head === 'states') {
    if (second === undefined) parts.push(fieldWord(w, 'states'));
    else inRegion(w, def, def.states, segs, 1, parts);
  } else if (head === 'fragments' && second !== undefined) {
    parts.push(named(w, 'fragment', fragmentTitle(def, second)));
    if (segs[2] === 'states') inRegion(w, def, obj(obj(def.fragments)[second]).states, segs, 3, parts);
    else fields(w, segs, 2, parts);
  } else if (head === 'materials' && second !== undefined && /^\d+$/.test(second)) {
    const m = obj((def.materials as unknown[] | undefined)?.[Number(second)]);
    parts.push(named(w, 'material', text(m.name) ?? text(m.id) ?? String(Number(second) + 1)));
    fields(w, segs, 2, parts);
  } else if (head === 'templates' && second !== undefined) {
    parts.push(named(w, 'template', text(obj(obj(def.templates)[second]).title) ?? second));
    fields(w, segs, 2, parts);
  } else if (head === 'obligations' && second !== undefined) {
    parts.push(named(w, 'obligation', text(obj(obj(def.obligations)[second]).name) ?? wordOf(w.t, 'ob', second)));
    fields(w, segs, 2, parts);
  } else if (head === 'notify' && second !== undefined && /^\d+$/.test(second)) {
    parts.push(`${fieldWord(w, 'notify')} ${nth(w, Number(second) + 1)}`);
    fields(w, segs, 2, parts);
  } else if (head === 'item' && second === 'specialProcedures' && segs[2] !== undefined) {
    const p = obj((obj(def.item).specialProcedures as unknown[] | undefined)?.[Number(segs[2])]);
    parts.push(fieldWord(w, 'item'), named(w, 'procedure', text(p.name) ?? text(p.id) ?? segs[2]));
    fields(w, segs, 3, parts);
  } else {
    fields(w, segs, 0, parts);
  }
  return parts;
}

/** A JSON pointer in names, joined with ›; empty for no path. */
export function locationWords(path: string | null | undefined, definition: unknown, w: Words): string {
  return locationParts(path, definition, w).join(locationSeparator);
}

/** The states of a region named in a diff key (`main`, `approval/market`, `fragment review`), with the parts naming the region. */
function regionOfKey(w: Words, def: Obj, region: string): { states: unknown; parts: string[] } {
  if (region === 'main') return { states: def.states, parts: [] };
  if (region.startsWith('fragment ')) {
    const f = region.slice('fragment '.length);
    return { states: obj(obj(def.fragments)[f]).states, parts: [named(w, 'fragment', fragmentTitle(def, f))] };
  }
  const [parallel, b] = region.split('/');
  const branch = obj(obj(obj(obj(obj(def.states)[parallel]).parallel).branches)[b ?? '']);
  return { states: branchStates(def, branch), parts: [named(w, 'state', stateTitle(def.states, parallel)), named(w, 'branch', text(branch.title) ?? b ?? parallel)] };
}

function stateKeyParts(w: Words, def: Obj, key: string): { parts: string[]; states: unknown; name: string } {
  const at = key.lastIndexOf(':');
  if (at < 0) return { parts: [key], states: undefined, name: key };
  const region = regionOfKey(w, def, key.slice(0, at));
  const name = key.slice(at + 1);
  return { parts: [...region.parts, named(w, 'state', stateTitle(region.states, name))], states: region.states, name };
}

/** A notification rule's trigger in words (`enter correcting` → 进入状态“补正”, `warning red` → 红灯预警). */
export function triggerWords(w: Words, trigger: string, definition: unknown): string {
  const def = obj(definition);
  const [kind, ...rest] = trigger.trim().split(/\s+/);
  const subject = rest.join(' ');
  if (kind === 'enter') return w.t('trigger_enter', { name: stateTitle(def.states, subject) });
  if (kind === 'event') return w.t('trigger_event', { name: eventTitleAnywhere(w, def, subject) });
  if (kind === 'warning') return wordOf(w.t, 'trigger_warning', subject);
  if (kind === 'obligation') {
    const [id, phase = ''] = subject.split(/[\s:]+/);
    const name = text(obj(obj(def.obligations)[id]).name) ?? wordOf(w.t, 'ob', id);
    return w.t('trigger_obligation', { name, phase: wordOf(w.t, 'phase', phase) });
  }
  return trigger;
}

/** An event's title wherever a transition of the main flow declares it. */
export function eventTitleAnywhere(w: Words, def: Obj, event: string): string {
  for (const st of Object.values(obj(def.states))) {
    const tr = obj(obj(st).on)[event];
    if (tr !== undefined) return eventTitle(w, tr, event);
  }
  return wordOf(w.t, 'ev', event);
}

/** Where a semantic change is, in names: `main:issuing+issue` → 状态“出证” › 事件“出证”; its field in words after it. */
export function changeWords(change: Pick<SemanticChange, 'area' | 'key' | 'field'>, definition: unknown, w: Words): string {
  const def = obj(definition);
  const key = change.key.replace(/#(\d+)$/, '');
  const repeat = /#(\d+)$/.exec(change.key)?.[1];
  let parts: string[];
  switch (change.area) {
    case 'state':
      parts = stateKeyParts(w, def, key).parts;
      break;
    case 'transition': {
      const plus = key.lastIndexOf('+');
      const s = stateKeyParts(w, def, plus < 0 ? key : key.slice(0, plus));
      const event = plus < 0 ? '' : key.slice(plus + 1);
      parts = [...s.parts, named(w, 'event', eventTitle(w, obj(obj(obj(s.states)[s.name]).on)[event], event))];
      break;
    }
    case 'branch':
      parts = regionOfKey(w, def, key).parts;
      break;
    case 'limit':
      if (key === 'item') parts = [fieldWord(w, 'item'), fieldWord(w, 'timeLimit')];
      else if (key.startsWith('procedure ')) {
        const id = key.slice('procedure '.length);
        const p = ((obj(def.item).specialProcedures as Obj[] | undefined) ?? []).find((x) => obj(x).id === id);
        parts = [named(w, 'procedure', text(obj(p).name) ?? id)];
      } else if (key.startsWith('state ')) parts = [...stateKeyParts(w, def, key.slice(6)).parts, fieldWord(w, 'limit')];
      else if (key.startsWith('branch ')) parts = [...regionOfKey(w, def, key.slice(7)).parts, fieldWord(w, 'limit')];
      else parts = [key];
      break;
    case 'material': {
      const m = ((def.materials as Obj[] | undefined) ?? []).find((x) => obj(x).id === key);
      parts = [named(w, 'material', text(obj(m).name) ?? key)];
      break;
    }
    case 'template':
      parts = [named(w, 'template', text(obj(obj(def.templates)[key]).title) ?? key)];
      break;
    case 'obligation':
      parts = [named(w, 'obligation', text(obj(obj(def.obligations)[key]).name) ?? wordOf(w.t, 'ob', key))];
      break;
    case 'notification': {
      const [trigger, to] = key.split(' → ');
      parts = [`${fieldWord(w, 'notify')}：${triggerWords(w, trigger.replace(/:(\w+)$/, ' $1'), def)}${to ? ` → ${roleWords(w, to)}` : ''}`];
      break;
    }
    default:
      parts = [wordOf(w.t, 'area', change.area)];
  }
  if (repeat) parts.push(nth(w, Number(repeat)));
  if (change.field) parts.push(fieldWord(w, change.field));
  return parts.join(locationSeparator);
}

/**
 * A server's sentence with the names it quotes (“correcting”) replaced by their titles (“补正材料（受理前）”) and its
 * durations (0.5wd) in words: how the migration plan's consequences read without ids.
 */
export function titlesInText(sentence: string, titles: Record<string, string>, w: Words): string {
  const quoted = sentence.replace(/“([^”]+)”/g, (whole, name: string) => (titles[name] ? `“${titles[name]}”` : whole));
  return durationsInText(quoted, unit(w));
}
