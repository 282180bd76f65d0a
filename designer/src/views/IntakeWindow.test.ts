import { describe, expect, it } from 'vitest';
import type { DefinitionSummary } from '../api/types';
import { published } from './IntakeWindow';

describe('published', () => {
  it('keeps only items with a published version: a draft-only item has no latestVersion at all', () => {
    const item = (code: string, latestVersion?: number | null) => ({ code, name: code, hasDraft: true, valid: true, errors: 0, warnings: 0, pinyin: '', latestVersion }) as DefinitionSummary;
    expect(published([item('A', 1), item('B'), item('C', null)]).map((d) => d.code)).toEqual(['A']);
  });
});
