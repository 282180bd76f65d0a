import { BarChart as EBarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { barOption, percent, RowHeight, trendOption, type Bar, type Labels, type TrendPoint } from './chartOptions';

/*
 * The supervisor's charts, drawn by Apache ECharts with only the parts they use (bars, a line, grid, legend, tooltip,
 * the SVG renderer), so the dashboard's chunk — loaded with its route, never by another page — stays small. Each chart
 * has its figures as a table too (folded under it): for screen readers, the keyboard, and a drill-down by button.
 */
echarts.use([EBarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type { Bar, TrendPoint } from './chartOptions';

type ChartElement = HTMLDivElement & { barCenter?: (index: number) => { x: number; y: number } | null };

/** An ECharts instance on a div, its option replaced when it changes, resized with its box; clicks give the category's index. */
function EChart({ option, height, onPick }: { option: object; height: number; onPick?: (index: number) => void }) {
  const ref = useRef<ChartElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    const el = ref.current!;
    const instance = echarts.init(el, null, { renderer: 'svg' });
    chart.current = instance;
    // A click anywhere on a category's row of the grid picks it (not only on its thin bars).
    instance.getZr().on('click', (e) => {
      const point = [e.offsetX, e.offsetY];
      if (!pick.current || !instance.containPixel({ gridIndex: 0 }, point)) return;
      const at = instance.convertFromPixel({ xAxisIndex: 0, yAxisIndex: 0 }, point) as number[] | undefined;
      if (at && Number.isFinite(at[1])) pick.current(Math.round(at[1]));
    });
    // The middle of a category's first bar, in page coordinates (the browser tests click it).
    el.barCenter = (index: number) => {
      const series = (instance.getOption() as { series?: { data?: number[] }[] }).series ?? [];
      const value = series[0]?.data?.[index] ?? 0;
      const at = instance.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [value / 2, index]) as number[] | undefined;
      if (!at) return null;
      const box = el.getBoundingClientRect();
      return { x: box.left + at[0], y: box.top + at[1] };
    };
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, true);
  }, [option]);
  return <div ref={ref} className="echart" style={{ height }} data-chart="echarts" />;
}

/** A chart with its figures as a table folded under it: a row per category, its name, count and rate. */
function ChartFigure({ title, testId, labels, chart, rows }: { title: string; testId: string; labels: Labels; chart: ReactNode; rows: ReactNode }) {
  const { t } = useI18n();
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div role="img" aria-label={title}>
        {chart}
      </div>
      <details className="chart-data">
        <summary>{t('chartData')}</summary>
        <table className="grid">
          <thead>
            <tr>
              <th>{title}</th>
              <th>{labels.count}</th>
              <th>{labels.rate}</th>
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </details>
    </figure>
  );
}

/** Bars per department or item: the case count and the overdue rate, labelled; a click on one lists its cases. */
export function BarChart({ bars, title, testId, labels, onPick }: { bars: Bar[]; title: string; testId: string; labels: Labels; onPick?: (label: string) => void }) {
  return (
    <ChartFigure
      title={title}
      testId={testId}
      labels={labels}
      chart={<EChart option={barOption(bars, labels)} height={Math.max(120, bars.length * RowHeight + 70)} onPick={onPick && ((i) => bars[i] && onPick(bars[i].label))} />}
      rows={bars.map((b) => (
        <tr key={b.label} data-label={b.label} data-value={b.value}>
          <td>
            {onPick ? (
              <button type="button" className="link" onClick={() => onPick(b.label)} data-testid="drill">
                {b.name ?? b.label}
              </button>
            ) : (
              (b.name ?? b.label)
            )}
          </td>
          <td>{b.value}</td>
          <td>{percent(b.rate)}</td>
        </tr>
      ))}
    />
  );
}

/** Weekly columns (case counts) with the overdue rate as a line on its own axis, scaled to the rates shown. */
export function TrendChart({ points, title, labels, testId }: { points: TrendPoint[]; title: string; labels: Labels; testId: string }) {
  return (
    <ChartFigure
      title={title}
      testId={testId}
      labels={labels}
      chart={<EChart option={trendOption(points, labels)} height={260} />}
      rows={points.map((p) => (
        <tr key={p.label} data-week={p.label} data-count={p.count}>
          <td>{p.label}</td>
          <td>{p.count}</td>
          <td>{percent(p.rate)}</td>
        </tr>
      ))}
    />
  );
}
