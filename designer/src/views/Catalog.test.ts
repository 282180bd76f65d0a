import { describe, expect, it } from 'vitest';
import type { DefinitionSummary } from '../api/types';
import { matches } from '../search/catalogSearch';

const enterprise: DefinitionSummary = {
  code: 'QYKB-0001',
  name: '企业开办',
  latestVersion: 1,
  hasDraft: false,
  valid: true,
  errors: 0,
  warnings: 0,
  pinyin: 'QYKB',
  lead: 'market-regulation',
  kind: 'promised',
};

describe('catalog search', () => {
  it('matches_NameCodeOrInitials_FindTheItem', () => {
    expect(matches(enterprise, '企业')).toBe(true);
    expect(matches(enterprise, 'qykb-0001')).toBe(true);
    expect(matches(enterprise, 'q y k b')).toBe(true);
    expect(matches(enterprise, '税务')).toBe(false);
  });

  it('matches_TheLeadDepartmentsName_FindsItsItems', () => {
    expect(matches(enterprise, '市场监督', '市场监督管理局')).toBe(true);
    expect(matches(enterprise, '税务局', '市场监督管理局')).toBe(false);
    expect(matches(enterprise, '市场监督')).toBe(false);
  });
});
