import { describe, expect, it } from 'vitest';
import type { Indicators, Metrics } from '../api/types';
import { translate, type Key } from '../i18n/i18n';
import { csvField, metricsCsv } from './report';

const zh = (key: Key, vars?: Record<string, string | number>) => translate('zh', key, vars);

const indicators = (cases: number, overdue: number | null): Indicators => ({
  cases,
  finished: cases - 1,
  averageProcessingWorkingDays: 0.456,
  secondSubmissionRate: 0.07,
  visitsPerCase: 0.5,
  oneTimeNoticeCompleteness: 1,
  overdueCaseRate: overdue,
  overdueStepRate: null,
  onTimeRate: 0.95,
  instantShare: 0,
  assistedShare: 0.2,
  onlineShare: 0.8,
  automaticApprovalShare: 0.9,
  ratings: 3,
  goodRatingRate: 0.98,
  badRatings: 0,
  rectificationRate: 1,
  feedbackRate: 1,
  statutoryOverdueCases: 0,
  statutoryOverdueRate: 0,
});

const metrics: Metrics = {
  from: '2026-11-01T00:00:00+08:00',
  to: '2026-12-01T00:00:00+08:00',
  overall: indicators(30, 0.05),
  byItem: { 'QYKB-0001': indicators(20, 0.1) },
  targets: {},
  byDepartment: { tax: indicators(10, null) },
};

describe('dashboard report', () => {
  it('metricsCsv_Metrics_ARowForAllAnItemAndADepartmentWithChineseHeadings', () => {
    const csv = metricsCsv(metrics, zh, { item: (c) => (c === 'QYKB-0001' ? '企业开办' : c), department: (d) => (d === 'tax' ? '税务局' : d) });

    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(',').slice(0, 6)).toEqual(['范围', '名称', '办件数', '已办结', '平均办理时长（工作日）', '二次提交率']);
    expect(lines[1].split(',').slice(0, 7)).toEqual(['全部', '全部办件', '30', '29', '0.46', '7.0%', '0.50']);
    expect(lines[2].startsWith('事项,企业开办,20,19,')).toBe(true);
    expect(lines[3].startsWith('办理部门,税务局,10,9,')).toBe(true);
    expect(lines[3].split(',')).toContain('—');
    expect(lines.every((l) => l.split(',').length === lines[0].split(',').length)).toBe(true);
  });

  it('csvField_CommaQuoteOrLineBreak_IsQuoted', () => {
    expect(csvField('税务局')).toBe('税务局');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
