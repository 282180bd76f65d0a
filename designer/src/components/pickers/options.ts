import { wordOf, type Say } from '../../names/words';
import { eventTitle, stateTitle } from '../../names/locations';
import type { NameOption } from './NameSelect';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** The states of a region as choices by title (the name for a state without one). */
export function stateOptions(states: unknown, except?: string): NameOption[] {
  return Object.keys(obj(states))
    .filter((s) => s !== except)
    .map((s) => [s, stateTitle(states, s)]);
}

/** Every event the definition's transitions declare (main flow, branches, fragments), by title, first title wins. */
export function eventOptions(definition: unknown, t: Say): NameOption[] {
  const def = obj(definition);
  const seen = new Map<string, string>();
  const visit = (states: unknown) => {
    for (const st of Object.values(obj(states))) {
      for (const [ev, tr] of Object.entries(obj(obj(st).on))) if (!seen.has(ev)) seen.set(ev, eventTitle({ t }, tr, ev));
      for (const b of Object.values(obj(obj(obj(st).parallel).branches))) visit(obj(b).states);
    }
  };
  visit(def.states);
  for (const f of Object.values(obj(def.fragments))) visit(obj(f).states);
  return [...seen.entries()];
}

/** The branches of every parallel state, by title: the value is the branch's name as a simulation step names it. */
export function branchOptions(definition: unknown): NameOption[] {
  const out: NameOption[] = [];
  for (const st of Object.values(obj(obj(definition).states)))
    for (const [b, branch] of Object.entries(obj(obj(obj(st).parallel).branches))) {
      const title = obj(branch).title;
      out.push([b, typeof title === 'string' && title ? title : b]);
    }
  return out;
}

/** The materials by name (value: the id). */
export function materialOptions(definition: unknown): NameOption[] {
  const list = obj(definition).materials;
  return (Array.isArray(list) ? list : [])
    .map(obj)
    .filter((m) => typeof m.id === 'string')
    .map((m) => [String(m.id), typeof m.name === 'string' && m.name ? m.name : String(m.id)]);
}

/** Labelled choices from an id list and a dictionary prefix (`outcome` → 准予办理, …). */
export function wordOptions(t: Say, prefix: string, ids: readonly string[]): NameOption[] {
  return ids.map((id) => [id, wordOf(t, prefix, id)]);
}
