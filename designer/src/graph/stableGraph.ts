import type { Edge, Node } from '@xyflow/react';
import { useRef } from 'react';

/**
 * Keeps the node and edge objects that did not change from one mapping to the next, so a drop, an edit of one state
 * or a new diagnostic re-renders what changed instead of the whole diagram (React Flow and the memoised node components
 * compare by object). Equality is by value: the mapped graph is plain data.
 */
export function reuseUnchanged<T extends Node | Edge>(next: T[], previous: Map<string, { key: string; item: T }>): { items: T[]; index: Map<string, { key: string; item: T }> } {
  const index = new Map<string, { key: string; item: T }>();
  const items = next.map((n) => {
    const key = JSON.stringify(n);
    const before = previous.get(n.id);
    const item = before && before.key === key ? before.item : n;
    index.set(n.id, { key, item });
    return item;
  });
  return { items, index };
}

export function useStableGraph<N extends Node, E extends Edge>(mapped: { nodes: N[]; edges: E[] }): { nodes: N[]; edges: E[] } {
  const memo = useRef<{ from: unknown; nodes: Map<string, { key: string; item: N }>; edges: Map<string, { key: string; item: E }>; out: { nodes: N[]; edges: E[] } } | null>(null);
  const m = memo.current;
  if (m && m.from === mapped) return m.out;
  const nodes = reuseUnchanged(mapped.nodes, m?.nodes ?? new Map());
  const edges = reuseUnchanged(mapped.edges, m?.edges ?? new Map());
  // Unchanged lists keep their arrays too, so nothing downstream runs again.
  const out = {
    nodes: m && nodes.items.every((n, i) => n === m.out.nodes[i]) && nodes.items.length === m.out.nodes.length ? m.out.nodes : nodes.items,
    edges: m && edges.items.every((e, i) => e === m.out.edges[i]) && edges.items.length === m.out.edges.length ? m.out.edges : edges.items,
  };
  memo.current = { from: mapped, nodes: nodes.index, edges: edges.index, out };
  return out;
}
