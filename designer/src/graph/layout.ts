import type { ELK, ElkNode } from 'elkjs/lib/elk-api';
import type { GraphDto, GraphNodeDto } from '../api/types';
import { STATE_H, STATE_W, type Positions } from './mapGraph';

const LANE_PAD = 16;
const LANE_HEADER = 28;
const PAR_HEADER = 40;
const PAR_PAD = 10;
const LANE_GAP = 6;

const layered = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/**
 * Lays out the graph bottom-up, hierarchy-aware: each branch is laid out on its own as a lane, a parallel state
 * stacks its lanes and enters its parent's layout as one box of that size. Edges crossing a region boundary are
 * drawn to the box that holds their end in that region. `only` limits the result to nodes lacking a position.
 */
/** What computeLayout asks of a layout engine: elk, or the quick layered layout for large definitions. */
export interface LayoutEngine {
  layout(root: ElkNode): Promise<ElkNode>;
}

export async function computeLayout(elk: LayoutEngine | ELK, graph: GraphDto): Promise<Positions> {
  const children = new Map<string, GraphNodeDto[]>();
  for (const n of graph.nodes) {
    const k = n.parent ?? '';
    if (!children.has(k)) children.set(k, []);
    children.get(k)!.push(n);
  }
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parent ?? '']));
  const positions: Positions = {};
  const sizes = new Map<string, { w: number; h: number }>();

  // The ancestor of `id` that sits directly in `region`, or undefined.
  const inRegion = (id: string, region: string): string | undefined => {
    let cur: string | undefined = id;
    while (cur !== undefined && cur !== '') {
      const p: string = parentOf.get(cur) ?? '';
      if (p === region) return cur;
      cur = p;
    }
    return undefined;
  };

  const layoutRegion = async (region: string): Promise<{ w: number; h: number }> => {
    const members = children.get(region) ?? [];
    for (const m of members) if (m.kind === 'Parallel') await layoutParallel(m);
    const ids = new Set(members.map((m) => m.id));
    const seen = new Set<string>();
    const edges = graph.edges
      .map((e, i) => ({ id: `e${i}`, s: inRegion(e.from, region), t: inRegion(e.to, region) }))
      .filter((e) => e.s && e.t && e.s !== e.t && ids.has(e.s) && ids.has(e.t))
      .filter((e) => (seen.has(e.s + '>' + e.t) ? false : (seen.add(e.s + '>' + e.t), true)))
      .map((e) => ({ id: e.id, sources: [e.s!], targets: [e.t!] }));
    const root: ElkNode = {
      id: region || 'root',
      layoutOptions: layered,
      children: members.map((m) => ({ id: m.id, width: sizes.get(m.id)?.w ?? STATE_W, height: sizes.get(m.id)?.h ?? STATE_H })),
      edges,
    };
    const out = await elk.layout(root);
    let w = 0;
    let h = 0;
    for (const c of out.children ?? []) {
      positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
      w = Math.max(w, (c.x ?? 0) + (c.width ?? 0));
      h = Math.max(h, (c.y ?? 0) + (c.height ?? 0));
    }
    return { w, h };
  };

  const layoutParallel = async (p: GraphNodeDto) => {
    const lanes = children.get(p.id) ?? [];
    let width = 240;
    let y = PAR_HEADER;
    for (const lane of lanes) {
      const inner = await layoutRegion(lane.id);
      for (const c of children.get(lane.id) ?? []) {
        positions[c.id] = { x: positions[c.id].x + LANE_PAD, y: positions[c.id].y + LANE_HEADER };
      }
      const lw = inner.w + 2 * LANE_PAD;
      const lh = inner.h + LANE_HEADER + LANE_PAD;
      width = Math.max(width, lw);
      y += lh + LANE_GAP;
    }
    sizes.set(p.id, { w: width + 2 * PAR_PAD, h: y - LANE_GAP + PAR_PAD });
  };

  await layoutRegion('');
  return positions;
}
