import type { Positions } from './mapGraph';

/** Positions follow a renamed or moved state (and everything inside it). */
export function renamePositions(p: Positions, oldId: string, newId: string): Positions {
  const out: Positions = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === oldId) out[newId] = v;
    else if (k.startsWith(oldId + '/')) out[newId + k.slice(oldId.length)] = v;
    else out[k] = v;
  }
  return out;
}
