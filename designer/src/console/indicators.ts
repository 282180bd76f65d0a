import type { Indicators, Metrics } from '../api/types';
import type { Key } from '../i18n/i18n';

export type IndicatorKey = Exclude<keyof Indicators, 'cases' | 'finished' | 'ratings' | 'badRatings' | 'statutoryOverdueCases'>;

/** A target as the server's metrics API gives it: the value and which side of it is good (`direction`: atMost or atLeast). */
export type Target = Metrics['targets'][string];

/** How an indicator is shown: rates as percentages, the rest as plain numbers with a unit. */
export const indicatorKinds: Record<IndicatorKey, 'rate' | 'days' | 'count'> = {
  averageProcessingWorkingDays: 'days',
  secondSubmissionRate: 'rate',
  visitsPerCase: 'count',
  oneTimeNoticeCompleteness: 'rate',
  overdueCaseRate: 'rate',
  statutoryOverdueRate: 'rate',
  overdueStepRate: 'rate',
  onTimeRate: 'rate',
  instantShare: 'rate',
  assistedShare: 'rate',
  onlineShare: 'rate',
  automaticApprovalShare: 'rate',
  goodRatingRate: 'rate',
  rectificationRate: 'rate',
  feedbackRate: 'rate',
};

export const indicatorKeys = Object.keys(indicatorKinds) as IndicatorKey[];

export function labelKey(k: IndicatorKey): Key {
  return `ind_${k}` as Key;
}

/** 0.1234 → "12.3%", 0.456 working days → "0.46", null → "—". */
export function formatIndicator(key: IndicatorKey, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (indicatorKinds[key]) {
    case 'rate':
      return `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 1)}%`;
    case 'days':
      return value.toFixed(2);
    default:
      return value.toFixed(2);
  }
}

export function formatTarget(key: IndicatorKey, target: Target | undefined): string {
  if (!target) return '';
  return `${target.direction === 'atMost' ? '≤' : '≥'} ${formatIndicator(key, target.value)}`;
}

/** Whether a value meets its target; 'none' when there is no value or no target. */
export function targetStatus(value: number | null | undefined, target: Target | undefined): 'met' | 'missed' | 'none' {
  if (value === null || value === undefined || !target) return 'none';
  const met = target.direction === 'atMost' ? value <= target.value + 1e-9 : value >= target.value - 1e-9;
  return met ? 'met' : 'missed';
}

/** Remaining working hours as a worklist shows it: "2.5 h" left, or "-1.3 h" overdue; null has no limit. */
export function formatRemaining(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  return hours < 0 ? `-${hoursText(hours)} h` : `${hoursText(hours)} h`;
}

/** A number of hours without its sign, as the worklist writes it: whole hours from 10 on, else one decimal. */
export function hoursText(hours: number): string {
  const abs = Math.abs(hours);
  return abs >= 10 ? abs.toFixed(0) : abs.toFixed(1);
}

/** Monday 00:00 (China time, UTC+8) of the week of an instant, as an ISO string with +08:00. */
export function weekStart(instant: Date): Date {
  const china = new Date(instant.getTime() + 8 * 3600_000);
  const day = (china.getUTCDay() + 6) % 7;
  const monday = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() - day);
  return new Date(monday - 8 * 3600_000);
}

/** The last <count> weeks ending with the week of <now>: [from, to) pairs, oldest first. */
export function lastWeeks(now: Date, count: number): { from: Date; to: Date }[] {
  const current = weekStart(now).getTime();
  const weeks = [];
  for (let i = count - 1; i >= 0; i--) {
    const from = new Date(current - i * 7 * 86400_000);
    weeks.push({ from, to: new Date(from.getTime() + 7 * 86400_000) });
  }
  return weeks;
}

export type Period = 'all' | 'week' | 'month' | 'quarter' | 'year';

/** The periods the dashboard offers, in its order. */
export const periods: Period[] = ['all', 'week', 'month', 'quarter', 'year'];

/**
 * A period as [from, to) instants in China time (UTC+8): this week from Monday, this calendar month, this calendar
 * quarter, this year; to is the start of the next one. Null for all time.
 */
export function periodRange(period: Period, now: Date): { from: Date; to: Date } | null {
  const china = new Date(now.getTime() + 8 * 3600_000);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth();
  const at = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - 8 * 3600_000);
  switch (period) {
    case 'all':
      return null;
    case 'week': {
      const from = weekStart(now);
      return { from, to: new Date(from.getTime() + 7 * 86400_000) };
    }
    case 'month':
      return { from: at(y, m), to: at(y, m + 1) };
    case 'quarter': {
      const first = m - (m % 3);
      return { from: at(y, first), to: at(y, first + 3) };
    }
    case 'year':
      return { from: at(y, 0), to: at(y + 1, 0) };
  }
}
