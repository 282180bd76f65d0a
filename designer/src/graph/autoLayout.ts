import type { GraphDto } from '../api/types';
import type { Positions } from './mapGraph';

let worker: Worker | undefined;
let next = 0;
const pending = new Map<number, { resolve: (p: Positions) => void; reject: (e: Error) => void }>();

/** Runs elk in a Web Worker so a large layout never blocks the page. */
export function autoLayout(graph: GraphDto): Promise<Positions> {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; positions?: Positions; error?: string }>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if (e.data.error) p.reject(new Error(e.data.error));
      else p.resolve(e.data.positions!);
    };
  }
  const id = ++next;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage({ id, graph });
  });
}

/** Keeps every known position; takes the layout's position only for nodes that have none (new nodes). */
export function mergeNew(known: Positions, laidOut: Positions, ids: string[]): Positions {
  const out: Positions = {};
  for (const id of ids) {
    const p = known[id] ?? laidOut[id];
    if (p) out[id] = p;
  }
  return out;
}
