import type { Edge, Node } from '@xyflow/react';

/** The smallest node text is 12 px, so the graph opens at 100 %: every word on a node is at least 12 px on screen. */
export const READABLE_ZOOM = 1;
const PAD = 24;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function bounds(nodes: Node[]): Box | null {
  if (nodes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Where the graph opens: the whole of it when it fits at a readable zoom, else its start (the initial state and where
 * it leads, or `openOn`) at the readable zoom, at the left of the pane — the flow is read from there, and 适应视图 shows
 * everything. Only top-level nodes count; their positions are absolute.
 */
export function openingView(nodes: Node[], edges: Edge[], pane: { width: number; height: number }, openOn?: string[]): { x: number; y: number; zoom: number } {
  const top = nodes.filter((n) => !n.parentId);
  const all = bounds(top);
  if (!all) return { x: 0, y: 0, zoom: READABLE_ZOOM };
  const fits = all.w + 2 * PAD <= pane.width / READABLE_ZOOM && all.h + 2 * PAD <= pane.height / READABLE_ZOOM;
  if (fits) {
    return { x: pane.width / 2 - (all.x + all.w / 2) * READABLE_ZOOM, y: pane.height / 2 - (all.y + all.h / 2) * READABLE_ZOOM, zoom: READABLE_ZOOM };
  }
  const start = top.find((n) => n.data?.initial === true) ?? top[0];
  const wanted = new Set(openOn ?? [start.id, ...edges.filter((e) => e.source === start.id).map((e) => e.target)]);
  const shown = bounds(top.filter((n) => wanted.has(n.id))) ?? bounds([start])!;
  // The start's column at the left; vertically the start region's middle, or the start state's when the region is taller than the pane.
  const middle = shown.h + 2 * PAD <= pane.height / READABLE_ZOOM ? shown.y + shown.h / 2 : start.position.y + (start.height ?? 0) / 2;
  const y = pane.height / 2 - middle * READABLE_ZOOM;
  const startX = Math.min(start.position.x, shown.x);
  return { x: PAD - startX * READABLE_ZOOM, y, zoom: READABLE_ZOOM };
}
