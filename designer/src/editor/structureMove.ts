import type { GraphDto, GraphEdgeDto, GraphNodeDto } from '../api/types';
import { stateAt } from '../graph/mapGraph';

/**
 * Changing the structure on purpose: where a state may move (the main flow or a parallel branch), and what a move or a
 * deletion changes, so the confirmation can say it before anything happens. Positions never change structure.
 */

/** A place a state can live in: '' is the main flow, `approval/market` a branch of a parallel state. */
export interface Region {
  id: string;
  label: string;
}

/** A transition the change removes or leaves pointing at nothing, as `受理 → 出证` with its event. */
export interface Affected {
  from: string;
  to: string;
  event: string;
}

export interface MovePlan {
  node: GraphNodeDto;
  from: Region;
  to: Region;
  /** The fragment the target branch `use:`s: the state goes into it, so every branch that shares it gets the state. */
  fragment: string | null;
  /** The branches sharing that fragment (the target first), by their own titles (营业执照). */
  sharedLanes: Region[];
  /** Transitions into or out of the state that would point across regions after the move (the validator reports them). */
  broken: Affected[];
  /** The target already has a state of this name: the move is refused. */
  clash: boolean;
}

const byId = (graph: GraphDto) => new Map(graph.nodes.map((n) => [n.id, n]));

/** The name a region reads by: 主流程, or `并联审批 › 营业执照`. */
export function regionLabel(graph: GraphDto, regionId: string, mainFlow: string): string {
  if (regionId === '') return mainFlow;
  const nodes = byId(graph);
  const parts: string[] = [];
  for (let id: string | null | undefined = regionId; id; id = nodes.get(id)?.parent) {
    const n = nodes.get(id);
    if (n && n.kind !== 'State' && n.kind !== 'Final') parts.unshift(n.label || n.name);
  }
  return parts.join(' › ');
}

function regionOf(node: GraphNodeDto): string {
  return node.parent ?? '';
}

/** The regions a state can be moved to: the main flow and every branch, except its own region and branches inside itself. */
export function moveTargets(graph: GraphDto, nodeId: string, mainFlow: string): Region[] {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind === 'Branch') return [];
  const here = regionOf(node);
  const ids = ['', ...graph.nodes.filter((n) => n.kind === 'Branch').map((n) => n.id)];
  return ids.filter((id) => id !== here && id !== nodeId && !id.startsWith(nodeId + '/')).map((id) => ({ id, label: regionLabel(graph, id, mainFlow) }));
}

function fragmentOf(definition: unknown, branchId: string): string | null {
  if (branchId === '') return null;
  const use = stateAt(definition, branchId)?.use;
  return typeof use === 'string' ? use : null;
}

function edgeAffected(graph: GraphDto, e: GraphEdgeDto): Affected {
  const nodes = byId(graph);
  const label = (id: string) => nodes.get(id)?.label || nodes.get(id)?.name || id;
  return { from: label(e.from), to: label(e.to), event: e.event ?? e.kind };
}

/** What moving `nodeId` into `targetRegion` changes. */
export function planMove(graph: GraphDto, definition: unknown, nodeId: string, targetRegion: string, mainFlow: string): MovePlan | null {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind === 'Branch') return null;
  const fragment = fragmentOf(definition, targetRegion);
  const sharedLanes = fragment
    ? graph.nodes
        .filter((n) => n.kind === 'Branch' && fragmentOf(definition, n.id) === fragment)
        .sort((a, b) => (a.id === targetRegion ? -1 : b.id === targetRegion ? 1 : 0))
        .map((n) => ({ id: n.id, label: n.label || n.name }))
    : [];
  const inside = (id: string) => id === nodeId || id.startsWith(nodeId + '/');
  const broken = graph.edges.filter((e) => e.from !== e.to && inside(e.from) !== inside(e.to)).map((e) => edgeAffected(graph, e));
  const clash = graph.nodes.some((n) => n.id !== nodeId && (n.parent ?? '') === targetRegion && n.name === node.name && n.kind !== 'Branch');
  return {
    node,
    from: { id: regionOf(node), label: regionLabel(graph, regionOf(node), mainFlow) },
    to: { id: targetRegion, label: regionLabel(graph, targetRegion, mainFlow) },
    fragment,
    sharedLanes,
    broken,
    clash,
  };
}

/** The transitions deleting a state (with everything inside it) or a branch removes: its own and those leading into it. */
export function deletionImpact(graph: GraphDto, nodeId: string): Affected[] {
  const inside = (id: string) => id === nodeId || id.startsWith(nodeId + '/');
  return graph.edges.filter((e) => inside(e.from) || inside(e.to)).map((e) => edgeAffected(graph, e));
}
