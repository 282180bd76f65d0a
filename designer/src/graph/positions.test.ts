import { describe, expect, it } from 'vitest';
import { renamePositions } from './positions';

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
