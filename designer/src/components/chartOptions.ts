/*
 * The supervisor dashboard's chart options for Apache ECharts, as plain data (no DOM, no echarts import), so they are
 * checked by unit tests: values labelled on the bars, a legend per series, the rate axis scaled to the data, long
 * names wrapped.
 */

export interface Bar {
  /** The key (a department id, an item code): kept as data-label and given back on a click (drill-down). */
  label: string;
  /** What the reader sees, when it differs from the key (a department's name). */
  name?: string;
  value: number;
  /** A rate 0..1 (the overdue rate) drawn as a second bar on its own percentage axis. */
  rate?: number | null;
}

export interface TrendPoint {
  label: string;
  count: number;
  rate: number | null;
}

export interface Labels {
  count: string;
  rate: string;
}

/** Room for a category name, in pixels: a longer one wraps onto more lines instead of being cut. */
export const NameWidth = 120;

/** Pixels per category of a bar chart (two bars and a wrapped two-line name). */
export const RowHeight = 44;

/**
 * The top of a percentage axis for rates 0..1: the highest rate with a little headroom, rounded up to a readable step
 * (0.035 → 4%, 0.18 → 20%), never above 100% and at least 1%, so a rate between 0 and 3.5% is not flat on 0–100%.
 */
export function rateAxisMax(rates: (number | null | undefined)[]): number {
  const top = Math.max(0, ...rates.filter((r): r is number => typeof r === 'number' && Number.isFinite(r)));
  if (top <= 0) return 0.01;
  const raw = Math.min(1, top * 1.15);
  const steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];
  const step = steps.find((s) => raw / s <= 5) ?? 1;
  return Math.min(1, Math.ceil(raw / step) * step);
}

export const percent = (rate: number | null | undefined, digits = 1) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits).replace(/\.0+$/, '')}%`;

/** Horizontal bars per department or item: the case count and the overdue rate, each labelled, with a legend. */
export function barOption(bars: Bar[], labels: Labels) {
  const names = bars.map((b) => b.name ?? b.label);
  const rates = bars.map((b) => b.rate ?? null);
  return {
    animation: false,
    aria: { enabled: false },
    legend: { data: [labels.count, labels.rate], top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 48, bottom: 8, containLabel: true },
    xAxis: [
      // No axis names: the legend says which bar is which, and a name at the axis' end would be cut by the card.
      { type: 'value', position: 'bottom', minInterval: 1, axisLabel: { fontSize: 11 } },
      { type: 'value', position: 'top', min: 0, max: rateAxisMax(rates), axisLabel: { formatter: (v: number) => percent(v, 0), fontSize: 11 }, splitLine: { show: false } },
    ],
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisLabel: { width: NameWidth, overflow: 'break', lineHeight: 14, fontSize: 12, color: '#1f2328' },
    },
    series: [
      { name: labels.count, type: 'bar', xAxisIndex: 0, data: bars.map((b) => b.value), itemStyle: { color: '#0b5cad' }, barMaxWidth: 14, label: { show: true, position: 'right', color: '#1f2328' } },
      {
        name: labels.rate,
        type: 'bar',
        xAxisIndex: 1,
        data: rates.map((r) => r ?? 0),
        itemStyle: { color: '#c8102e' },
        barMaxWidth: 8,
        label: { show: true, position: 'right', color: '#8a0016', formatter: (p: { value: number }) => percent(p.value) },
      },
    ],
  };
}

/** The weekly trend: case counts as columns (labelled) and the overdue rate as a line on a right-hand axis scaled to it. */
export function trendOption(points: TrendPoint[], labels: Labels) {
  const rates = points.map((p) => p.rate);
  return {
    animation: false,
    aria: { enabled: false },
    legend: { data: [labels.count, labels.rate], top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { fontSize: 11 } },
    yAxis: [
      { type: 'value', name: labels.count, minInterval: 1, axisLabel: { fontSize: 11 } },
      { type: 'value', name: labels.rate, min: 0, max: rateAxisMax(rates), axisLabel: { formatter: (v: number) => percent(v, 1), fontSize: 11 }, splitLine: { show: false } },
    ],
    series: [
      { name: labels.count, type: 'bar', data: points.map((p) => p.count), itemStyle: { color: '#5b8fc7' }, label: { show: true, position: 'top', color: '#1f2328' } },
      {
        name: labels.rate,
        type: 'line',
        yAxisIndex: 1,
        data: rates,
        itemStyle: { color: '#c8102e' },
        label: { show: true, position: 'top', color: '#8a0016', formatter: (p: { value: number | null }) => percent(p.value) },
      },
    ],
  };
}
