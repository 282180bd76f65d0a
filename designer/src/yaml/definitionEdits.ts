import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import {
  applyEdits,
  deleteIn,
  findPair,
  insertPairSource,
  nodeAt,
  pairSource,
  parseYaml,
  renameKey,
  setIn,
  type Path,
  type TextEdit,
} from './yamlText';

/**
 * The designer's edits of a definition, expressed on graph ids (`approval/market/reviewing`) and applied to the
 * YAML text in place. A branch that `use:`s a fragment edits the fragment, which every such branch shares.
 */

/** The YAML path of the map holding a region's states; '' is the main flow, `approval/market` a branch. */
export function regionPath(doc: Document, regionId: string): Path {
  if (regionId === '') return ['states'];
  const segs = regionId.split('/');
  let states: Path = ['states'];
  for (let i = 0; i + 1 < segs.length; i += 2) {
    const branch: Path = [...states, segs[i], 'parallel', 'branches', segs[i + 1]];
    const use = nodeAt(doc, [...branch, 'use']);
    states = isScalar(use) && typeof use.value === 'string' ? ['fragments', use.value, 'states'] : [...branch, 'states'];
  }
  return states;
}

export function splitId(nodeId: string): { region: string; name: string } {
  const i = nodeId.lastIndexOf('/');
  return i < 0 ? { region: '', name: nodeId } : { region: nodeId.slice(0, i), name: nodeId.slice(i + 1) };
}

/** The YAML path of a state (or, for a branch id, of the branch). */
export function statePath(doc: Document, nodeId: string): Path {
  const segs = nodeId.split('/');
  if (segs.length % 2 === 0) {
    // a branch: parent/branch
    const { region, name } = splitId(nodeId);
    const parent = splitId(region);
    return [...regionPath(doc, parent.region), parent.name, 'parallel', 'branches', name];
  }
  const { region, name } = splitId(nodeId);
  return [...regionPath(doc, region), name];
}

export function stateNames(doc: Document, regionId: string): string[] {
  const m = nodeAt(doc, regionPath(doc, regionId));
  return isMap(m) ? (m.items as Pair<Node, unknown>[]).map((p) => String((p.key as { value: unknown }).value)) : [];
}

export function uniqueName(existing: string[], base: string): string {
  if (!existing.includes(base)) return base;
  for (let i = 2; ; i++) if (!existing.includes(`${base}-${i}`)) return `${base}-${i}`;
}

export const statePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function addState(text: string, regionId: string, name: string, title?: string): string {
  const doc = parseYaml(text);
  if (stateNames(doc, regionId).includes(name)) throw new Error(`state '${name}' already exists`);
  return setIn(text, [...regionPath(doc, regionId), name], title ? { title } : {});
}

export function deleteState(text: string, nodeId: string): string {
  const doc = parseYaml(text);
  const { region, name } = splitId(nodeId);
  let out = text;
  // Transitions into the deleted state go with it; anything else pointing at it is left for the validator to mark.
  for (const t of transitionsInto(doc, region, name)) {
    if (t.from === name) continue;
    out = deleteIn(out, [...t.statePath, 'on', t.event]);
    const on = nodeAt(parseYaml(out), [...t.statePath, 'on']);
    if (!on || (isMap(on) && on.items.length === 0)) out = deleteIn(out, [...t.statePath, 'on']);
  }
  const doc2 = parseYaml(out);
  return deleteIn(out, statePath(doc2, nodeId));
}

interface Ref {
  from: string;
  event: string;
  statePath: Path;
}

function transitionsInto(doc: Document, regionId: string, target: string): Ref[] {
  const base = regionPath(doc, regionId);
  const region = nodeAt(doc, base);
  const refs: Ref[] = [];
  if (!isMap(region)) return refs;
  for (const p of region.items as Pair<Node, Node | null>[]) {
    const from = String((p.key as { value: unknown }).value);
    const on = isMap(p.value) ? findPair(p.value, 'on')?.value : undefined;
    if (!isMap(on)) continue;
    for (const t of on.items as Pair<Node, Node | null>[]) {
      const ev = String((t.key as { value: unknown }).value);
      if (targetOf(t.value) === target) refs.push({ from, event: ev, statePath: [...base, from] });
    }
  }
  return refs;
}

function targetOf(v: Node | null | undefined): string | undefined {
  if (isScalar(v)) return String(v.value);
  if (isMap(v)) {
    const to = findPair(v, 'to')?.value;
    return isScalar(to) ? String(to.value) : undefined;
  }
  return undefined;
}

/** Renames a state and every reference to it in its region (targets, timers, onDone, onReject, and in the main flow tolerance, commitment and notify). */
export function renameState(text: string, nodeId: string, newName: string): string {
  if (!statePattern.test(newName)) throw new Error(`'${newName}' is not a kebab-case name`);
  const doc = parseYaml(text);
  const { region, name } = splitId(nodeId);
  if (stateNames(doc, region).includes(newName)) throw new Error(`state '${newName}' already exists`);
  const edits: TextEdit[] = [];
  const replace = (n: Node | null | undefined, match: (s: string) => string | undefined) => {
    if (isScalar(n) && typeof n.value === 'string') {
      const next = match(n.value);
      if (next !== undefined) {
        const src = text.slice(n.range![0], n.range![1]);
        edits.push({ from: n.range![0], to: n.range![1], insert: src.replace(n.value, next) });
      }
    }
  };
  const same = (s: string) => (s === name ? newName : undefined);
  const regionMap = nodeAt(doc, regionPath(doc, region));
  if (isMap(regionMap)) {
    for (const p of regionMap.items as Pair<Node, Node | null>[]) {
      if (!isMap(p.value)) continue;
      const st = p.value;
      const on = findPair(st, 'on')?.value;
      if (isMap(on)) {
        for (const t of on.items as Pair<Node, Node | null>[]) {
          const targets = isSeq(t.value) ? (t.value.items as Node[]) : [t.value];
          for (const v of targets) {
            if (isScalar(v)) replace(v, same);
            else if (isMap(v)) replace(findPair(v, 'to')?.value, same);
          }
        }
      }
      const after = findPair(st, 'after')?.value;
      if (isMap(after)) for (const t of after.items as Pair<Node, Node | null>[]) replace(t.value, same);
      replace(findPair(st, 'onDone')?.value, same);
      const par = findPair(st, 'parallel')?.value;
      if (isMap(par)) replace(findPair(par, 'onReject')?.value, same);
    }
  }
  if (region === '') {
    replace(nodeAt(doc, ['tolerance', 'onBreach']), same);
    replace(nodeAt(doc, ['commitment', 'onFalse']), same);
    const notify = nodeAt(doc, ['notify']);
    if (isSeq(notify)) {
      for (const rule of notify.items as Node[]) {
        if (isMap(rule)) replace(findPair(rule, 'on')?.value, (s) => (s === `enter ${name}` ? `enter ${newName}` : undefined));
      }
    }
  }
  const key = findPair(regionMap as never, name)!.key;
  edits.push({ from: key.range![0], to: key.range![1], insert: newName });
  return applyEdits(text, edits);
}

/** Adds `event: target` (or a full transition) under the state's `on:`. */
export function addTransition(text: string, fromId: string, event: string, target: string, fields?: Record<string, unknown>): string {
  const doc = parseYaml(text);
  const path = [...statePath(doc, fromId), 'on'];
  const on = nodeAt(doc, path);
  if (isMap(on) && findPair(on, event)) throw new Error(`event '${event}' already exists on this state`);
  const value = fields && Object.keys(fields).length > 0 ? { to: target, ...fields } : target;
  return setIn(text, [...path, event], value);
}

export function deleteTransition(text: string, fromId: string, event: string): string {
  const doc = parseYaml(text);
  return deleteIn(text, [...statePath(doc, fromId), 'on', event]);
}

export function renameEvent(text: string, fromId: string, event: string, newEvent: string): string {
  const doc = parseYaml(text);
  return renameKey(text, [...statePath(doc, fromId), 'on', event], newEvent);
}

/** Sets one field of a transition (`to`, `by`, `when`, `tolerance`…); the shorthand `event: target` becomes a full form when needed. Undefined removes the field. */
export function setTransitionField(text: string, fromId: string, event: string, field: string, value: unknown): string {
  const doc = parseYaml(text);
  const path = [...statePath(doc, fromId), 'on', event];
  const cur = nodeAt(doc, path);
  if (isScalar(cur)) {
    if (field === 'to') return value === undefined ? text : setIn(text, path, value);
    if (value === undefined) return text;
    return setIn(text, path, { to: cur.value, [field]: value });
  }
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return deleteIn(text, [...path, field]);
  return setIn(text, [...path, field], value);
}

/** Sets a field of a state (or branch) by graph id; undefined removes it. */
export function setStateField(text: string, nodeId: string, field: Path, value: unknown): string {
  const doc = parseYaml(text);
  const path = [...statePath(doc, nodeId), ...field];
  if (value === undefined || value === '') return deleteIn(text, path);
  return setIn(text, path, value);
}

/** Moves a state (verbatim, comments included) into another region, such as into or out of a branch. */
export function moveState(text: string, nodeId: string, targetRegion: string): string {
  const doc = parseYaml(text);
  const { region, name } = splitId(nodeId);
  if (region === targetRegion) return text;
  if (stateNames(doc, targetRegion).includes(name)) throw new Error(`state '${name}' already exists there`);
  const from = statePath(doc, nodeId);
  const source = pairSource(text, from);
  const value = nodeAt(doc, from)?.toJSON();
  let out = deleteIn(text, from);
  const doc2 = parseYaml(out);
  const to = regionPath(doc2, targetRegion);
  const target = nodeAt(doc2, to);
  if (source && isMap(target) && !target.flow && target.items.length > 0) return insertPairSource(out, to, source);
  out = setIn(out, [...to, name], value ?? {});
  return out;
}

/** A state's value as plain data, for the clipboard. */
export function stateData(text: string, nodeId: string): unknown {
  const doc = parseYaml(text);
  return nodeAt(doc, statePath(doc, nodeId))?.toJSON();
}

/** Pastes a state under a fresh name (`name-copy`); `initial` is dropped so the region keeps one initial state. */
export function pasteState(text: string, regionId: string, name: string, data: unknown): { text: string; name: string } {
  const doc = parseYaml(text);
  const fresh = uniqueName(stateNames(doc, regionId), `${name}-copy`);
  const value = typeof data === 'object' && data !== null ? { ...(data as Record<string, unknown>) } : {};
  delete (value as Record<string, unknown>).initial;
  return { text: setIn(text, [...regionPath(doc, regionId), fresh], value), name: fresh };
}
