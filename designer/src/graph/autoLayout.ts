import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { GraphDto } from '../api/types';
import { computeLayout } from './layout';
import type { Positions } from './mapGraph';

let elk: InstanceType<typeof ELK> | undefined;

/** Runs elk in its Web Worker so a large layout never blocks the page; only the orchestration runs here. */
export function autoLayout(graph: GraphDto): Promise<Positions> {
  elk ??= new ELK({ workerFactory: () => new Worker(elkWorkerUrl) as never });
  return computeLayout(elk, graph);
}
