import type { GraphDto } from '../api/types';

/**
 * Moving the keyboard focus along the graph: → follows a transition out of the focused state (a parallel state leads
 * into the initial state of its first branch), ← goes back to where the walk came from (or to a state leading in),
 * ↓ and ↑ step through the other states reachable from that same place (the alternatives of one decision).
 */
export type NavKey = 'ArrowRight' | 'ArrowLeft' | 'ArrowDown' | 'ArrowUp';

function outOf(graph: GraphDto, id: string): string[] {
  const targets = graph.edges.filter((e) => e.from === id && e.to !== id).map((e) => e.to);
  // A parallel state leads into each branch's initial state.
  for (const lane of graph.nodes.filter((n) => n.parent === id && n.kind === 'Branch')) {
    const first = graph.nodes.find((n) => n.parent === lane.id && n.initial) ?? graph.nodes.find((n) => n.parent === lane.id);
    if (first) targets.push(first.id);
  }
  return [...new Set(targets)].filter((t) => graph.nodes.some((n) => n.id === t && n.kind !== 'Branch'));
}

function into(graph: GraphDto, id: string): string[] {
  const sources = graph.edges.filter((e) => e.to === id && e.from !== id).map((e) => e.from);
  const node = graph.nodes.find((n) => n.id === id);
  const lane = node?.parent ? graph.nodes.find((n) => n.id === node.parent) : undefined;
  if (lane?.kind === 'Branch' && lane.parent && node?.initial) sources.push(lane.parent);
  return [...new Set(sources)];
}

/** The node focus moves to from `current` (or null: nowhere to go), and the place the walk now comes from. */
export function nextFocus(graph: GraphDto, current: string, key: NavKey, cameFrom: string | null): { id: string; cameFrom: string | null } | null {
  if (key === 'ArrowRight') {
    const next = outOf(graph, current)[0];
    return next ? { id: next, cameFrom: current } : null;
  }
  const sources = into(graph, current);
  const origin = cameFrom && sources.includes(cameFrom) ? cameFrom : sources[0];
  if (key === 'ArrowLeft') {
    return origin ? { id: origin, cameFrom: null } : null;
  }
  if (!origin) return null;
  const siblings = outOf(graph, origin);
  const i = siblings.indexOf(current);
  if (siblings.length < 2 || i < 0) return null;
  const j = (i + (key === 'ArrowDown' ? 1 : siblings.length - 1)) % siblings.length;
  return { id: siblings[j], cameFrom: origin };
}

/** Where the graph's one tab stop starts: the main flow's initial state, else the first state. */
export function firstFocus(graph: GraphDto): string | null {
  return (graph.nodes.find((n) => !n.parent && n.initial) ?? graph.nodes.find((n) => n.kind !== 'Branch'))?.id ?? null;
}
