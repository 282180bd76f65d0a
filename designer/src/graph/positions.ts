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

/** The smallest offset of a state inside a branch lane: below the lane's title, not left of its edge. */
export const LANE_MIN = { x: 4, y: 28 } as const;

/**
 * A drop only places nodes: every dragged node keeps its place in the process (main flow or branch) whatever it was
 * dropped over. A state inside a branch lane stays inside it (the lane grows to the right and down to fit it).
 */
export function dropPositions(p: Positions, drops: { id: string; position: { x: number; y: number } }[], inLane: (id: string) => boolean): Positions {
  const out = { ...p };
  for (const d of drops) {
    out[d.id] = inLane(d.id) ? { x: Math.max(LANE_MIN.x, d.position.x), y: Math.max(LANE_MIN.y, d.position.y) } : d.position;
  }
  return out;
}
