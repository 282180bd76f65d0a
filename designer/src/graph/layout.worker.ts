import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphDto } from '../api/types';
import { computeLayout } from './layout';

const elk = new ELK();

self.onmessage = async (e: MessageEvent<{ id: number; graph: GraphDto }>) => {
  try {
    const positions = await computeLayout(elk, e.data.graph);
    self.postMessage({ id: e.data.id, positions });
  } catch (err) {
    self.postMessage({ id: e.data.id, error: String(err) });
  }
};
