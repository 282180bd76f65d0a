import type { Indicators, Metrics } from '../api/types';
import type { Translate } from './describe';
import { formatIndicator, indicatorKeys, labelKey } from './indicators';

/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The dashboard's figures as a table people open in a spreadsheet: one row for all cases, one per item and one per
 * department (by name), a column per indicator headed in the reader's language, values as the cards show them
 * (12.3%, 0.46). Starts with a byte-order mark so spreadsheet programs read the Chinese as UTF-8.
 */
export function metricsCsv(metrics: Metrics, t: Translate, names: { item: (code: string) => string; department: (id: string) => string }): string {
  const header = [t('reportScope'), t('reportName'), t('casesCount'), t('casesFinished'), ...indicatorKeys.map((k) => t(labelKey(k)))];
  const row = (scope: string, name: string, x: Indicators) => [scope, name, String(x.cases), String(x.finished), ...indicatorKeys.map((k) => formatIndicator(k, x[k]))];
  const rows = [
    row(t('reportOverall'), t('reportAllCases'), metrics.overall),
    ...Object.entries(metrics.byItem).map(([code, x]) => row(t('colItem'), names.item(code), x)),
    ...Object.entries(metrics.byDepartment).map(([id, x]) => row(t('departmentOf'), names.department(id), x)),
  ];
  return '\ufeff' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
