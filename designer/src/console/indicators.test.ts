import { describe, expect, it } from 'vitest';
import { formatIndicator, formatRemaining, formatTarget, lastWeeks, periodRange, targetStatus, weekStart } from './indicators';

describe('indicator formatting', () => {
  it('shows rates as percentages and working days with two decimals', () => {
    expect(formatIndicator('goodRatingRate', 0.9812)).toBe('98.1%');
    expect(formatIndicator('oneTimeNoticeCompleteness', 1)).toBe('100%');
    expect(formatIndicator('overdueCaseRate', 0)).toBe('0%');
    expect(formatIndicator('averageProcessingWorkingDays', 0.456)).toBe('0.46');
    expect(formatIndicator('visitsPerCase', 0.5)).toBe('0.50');
  });

  it('shows a dash when there is nothing to divide by', () => {
    expect(formatIndicator('rectificationRate', null)).toBe('—');
  });

  it('writes targets with their direction', () => {
    expect(formatTarget('secondSubmissionRate', { value: 0.1, direction: 'atMost' })).toBe('≤ 10.0%');
    expect(formatTarget('goodRatingRate', { value: 0.98, direction: 'atLeast' })).toBe('≥ 98.0%');
    expect(formatTarget('goodRatingRate', undefined)).toBe('');
  });

  it('compares a value with its target on the good side', () => {
    expect(targetStatus(0.08, { value: 0.1, direction: 'atMost' })).toBe('met');
    expect(targetStatus(0.12, { value: 0.1, direction: 'atMost' })).toBe('missed');
    expect(targetStatus(0.98, { value: 0.98, direction: 'atLeast' })).toBe('met');
    expect(targetStatus(0.5, { value: 0.98, direction: 'atLeast' })).toBe('missed');
    expect(targetStatus(null, { value: 0.98, direction: 'atLeast' })).toBe('none');
    expect(targetStatus(0.5, undefined)).toBe('none');
  });

  it('shows remaining working time, negative when overdue', () => {
    expect(formatRemaining(2.5)).toBe('2.5 h');
    expect(formatRemaining(-1.25)).toBe('-1.3 h');
    expect(formatRemaining(12.4)).toBe('12 h');
    expect(formatRemaining(null)).toBe('—');
  });

  it('cuts weeks at Monday 00:00 China time', () => {
    // Thursday 2026-11-26 10:00 UTC is Thursday 18:00 in Beijing; its week starts Monday 2026-11-23 00:00 +08:00.
    expect(weekStart(new Date('2026-11-26T10:00:00Z')).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    // Sunday 2026-11-22 20:00 UTC is already Monday 04:00 in Beijing.
    expect(weekStart(new Date('2026-11-22T20:00:00Z')).toISOString()).toBe('2026-11-22T16:00:00.000Z');
    const weeks = lastWeeks(new Date('2026-11-26T10:00:00Z'), 3);
    expect(weeks.map((w) => w.from.toISOString())).toEqual(['2026-11-08T16:00:00.000Z', '2026-11-15T16:00:00.000Z', '2026-11-22T16:00:00.000Z']);
    expect(weeks[2].to.toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });
});

describe('periodRange', () => {
  // Friday 2026-01-02 01:30 in China is still Thursday 2026-01-01 17:30 UTC: the periods follow China's calendar.
  const now = new Date('2026-01-01T17:30:00Z');

  it('periodRange_All_IsNoRange', () => {
    expect(periodRange('all', now)).toBeNull();
  });

  it('periodRange_WeekMonthQuarterYear_StartAtMidnightChinaTime', () => {
    const iso = (p: { from: Date; to: Date } | null) => p && [p.from.toISOString(), p.to.toISOString()];
    expect(iso(periodRange('week', now))).toEqual(['2025-12-28T16:00:00.000Z', '2026-01-04T16:00:00.000Z']);
    expect(iso(periodRange('month', now))).toEqual(['2025-12-31T16:00:00.000Z', '2026-01-31T16:00:00.000Z']);
    expect(iso(periodRange('quarter', now))).toEqual(['2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z']);
    expect(iso(periodRange('year', now))).toEqual(['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });

  it('periodRange_QuarterInNovember_IsOctoberToDecember', () => {
    const q = periodRange('quarter', new Date('2026-11-26T04:00:00Z'))!;
    expect([q.from.toISOString(), q.to.toISOString()]).toEqual(['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  });
});
