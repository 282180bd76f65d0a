import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { GraphDto } from '../api/types';
import { computeLayout } from './layout';
import type { Positions } from './mapGraph';
import { quickLayered } from './quickLayout';

/** A definition opened without a stored layout is laid out by elk up to this many states, by the quick layered layout above. */
export const QUICK_LAYOUT_FROM = 150;

let elk: InstanceType<typeof ELK> | undefined;

/**
 * Runs elk in its Web Worker so a large layout never blocks the page; only the orchestration runs here. With `opening`,
 * a large definition without positions is laid out by the linear-time layered layout instead, so it opens at once.
 */
export function autoLayout(graph: GraphDto, opening = false): Promise<Positions> {
  if (opening && graph.nodes.length >= QUICK_LAYOUT_FROM) return computeLayout(quickLayered, graph);
  elk ??= new ELK({ workerFactory: () => new Worker(elkWorkerUrl) as never });
  return computeLayout(elk, graph);
}
