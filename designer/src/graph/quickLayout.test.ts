import { describe, expect, it } from 'vitest';
import { referenceGraph } from '../test/referenceGraph';
import { computeLayout } from './layout';
import { quickLayered } from './quickLayout';

describe('quickLayered', () => {
  it('quickLayered_PlacesEachStateRightOfWhatLeadsToIt_InLinearTime', async () => {
    const positions = await computeLayout(quickLayered, referenceGraph);
    expect(positions.correcting.x).toBeGreaterThan(positions.received.x);
    expect(positions.approval.x).toBeGreaterThan(positions.received.x);
    expect(positions.issuing.x).toBeGreaterThan(positions.approval.x);
    // states of one column do not overlap
    expect(positions.correcting.y).not.toBe(positions.approval.y);
    // lanes are laid out inside their branch
    expect(positions['approval/tax/approved'].x).toBeGreaterThan(positions['approval/tax/reviewing'].x);

    const n = 1000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `s${i}`, label: `第${i}步`, kind: 'State' as const, parent: null, initial: i === 0, detail: null }));
    const edges = nodes.slice(1).flatMap((x, i) => [
      { from: `s${i}`, to: x.id, label: 'next', event: 'next', roles: [], guard: null, kind: 'transition' },
      { from: x.id, to: `s${i}`, label: 'back', event: 'back', roles: [], guard: null, kind: 'transition' },
    ]);
    const started = performance.now();
    const chain = await computeLayout(quickLayered, { nodes, edges });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(chain.s999.x).toBeGreaterThan(chain.s998.x);
  });
});
