import { describe, expect, it } from 'vitest';
import { pageCount } from './Worklist';

describe('worklist paging', () => {
  it('pageCount_TotalsAroundThePageSize_CountWholePages', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
    expect(pageCount(120, 50)).toBe(3);
  });
});
