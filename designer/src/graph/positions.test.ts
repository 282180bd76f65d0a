import { describe, expect, it } from 'vitest';
import { dropPositions, LANE_MIN, renamePositions } from './positions';

describe('renamePositions', () => {
  it('moves the renamed state and everything inside it, and leaves look-alike names alone', () => {
    const p = {
      审核: { x: 1, y: 2 },
      '审核/初审': { x: 3, y: 4 },
      '审核/初审/退回': { x: 5, y: 6 },
      审核结束: { x: 7, y: 8 },
      受理: { x: 9, y: 10 },
    };
    expect(renamePositions(p, '审核', '复核')).toEqual({
      复核: { x: 1, y: 2 },
      '复核/初审': { x: 3, y: 4 },
      '复核/初审/退回': { x: 5, y: 6 },
      审核结束: { x: 7, y: 8 },
      受理: { x: 9, y: 10 },
    });
  });

  it('moves a nested state into another region', () => {
    const p = { 'a/b': { x: 1, y: 1 }, 'a/b/c': { x: 2, y: 2 }, 'a/bc': { x: 3, y: 3 } };
    expect(renamePositions(p, 'a/b', 'x/b')).toEqual({ 'x/b': { x: 1, y: 1 }, 'x/b/c': { x: 2, y: 2 }, 'a/bc': { x: 3, y: 3 } });
  });

  it('returns an equal copy when the state has no position', () => {
    const p = { a: { x: 0, y: 0 } };
    const out = renamePositions(p, 'z', 'y');
    expect(out).toEqual(p);
    expect(out).not.toBe(p);
  });
});

describe('dropPositions', () => {
  it('records where nodes were dropped and nothing else', () => {
    const p = { a: { x: 0, y: 0 }, 'p/b/c': { x: 20, y: 40 } };
    const out = dropPositions(p, [{ id: 'a', position: { x: 300, y: 120 } }], () => false);
    expect(out).toEqual({ a: { x: 300, y: 120 }, 'p/b/c': { x: 20, y: 40 } });
    expect(p.a).toEqual({ x: 0, y: 0 });
  });

  it('keeps a state of a branch inside its lane (below its title, not left of it)', () => {
    const out = dropPositions({}, [{ id: 'p/b/c', position: { x: -200, y: -50 } }, { id: 'p/b/d', position: { x: 500, y: 300 } }], (id) => id.startsWith('p/b/'));
    expect(out['p/b/c']).toEqual({ x: LANE_MIN.x, y: LANE_MIN.y });
    expect(out['p/b/d']).toEqual({ x: 500, y: 300 });
  });
});
