/** Plain SVG charts for the dashboard: no chart library, just bars and a line. */

export interface Bar {
  /** The key (a department id, an item code): kept as data-label. */
  label: string;
  /** What the reader sees, when it differs from the key (a department's name); cut to fit, whole in the tooltip. */
  name?: string;
  value: number;
  /** A rate 0..1 drawn as a second, thin bar (e.g. the overdue rate). */
  rate?: number | null;
}

/**
 * A label cut to the chart's 130-pixel label column: whole when it takes at most `room` units (a CJK character two, a
 * latin one one: ten CJK characters or twenty latin ones), else cut two units shorter and ended with an ellipsis.
 */
export function fit(text: string, room = 20): string {
  const units = (c: string) => (c.charCodeAt(0) > 0x2e80 ? 2 : 1);
  if ([...text].reduce((sum, c) => sum + units(c), 0) <= room) return text;
  let width = 0;
  let cut = 0;
  for (const c of text) {
    if (width + units(c) > room - 2) break;
    width += units(c);
    cut += c.length;
  }
  return text.slice(0, cut) + '…';
}

/** Horizontal bars: one row per label, the count as a bar and the rate as a thin red bar beneath. */
export function BarChart({ bars, title, testId, rateLabel }: { bars: Bar[]; title: string; testId: string; rateLabel?: string }) {
  const width = 420;
  const row = 30;
  const labelWidth = 130;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(row, bars.length * row) + 20;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        {bars.map((b, i) => {
          const y = i * row + 4;
          const w = ((width - labelWidth - 50) * b.value) / max;
          return (
            <g key={b.label} data-label={b.label} data-value={b.value}>
              <text x={labelWidth - 6} y={y + 13} textAnchor="end" fontSize="12">
                <title>{b.name && b.name !== b.label ? `${b.name} (${b.label})` : b.label}</title>
                {fit(b.name ?? b.label)}
              </text>
              <rect x={labelWidth} y={y} width={w} height={14} fill="#0b5cad" />
              <text x={labelWidth + w + 4} y={y + 12} fontSize="11">
                {b.value}
              </text>
              {b.rate !== undefined && b.rate !== null && (
                <rect x={labelWidth} y={y + 16} width={(width - labelWidth - 50) * b.rate} height={5} fill="#c8102e">
                  <title>{`${rateLabel ?? ''} ${(b.rate * 100).toFixed(1)}%`}</title>
                </rect>
              )}
            </g>
          );
        })}
        {bars.length === 0 && (
          <text x={10} y={18} fontSize="12">
            —
          </text>
        )}
      </svg>
    </figure>
  );
}

export interface TrendPoint {
  label: string;
  count: number;
  rate: number | null;
}

/** Weekly columns (case counts) with a line (a rate, 0..1, on the right-hand 0–100% scale). */
export function TrendChart({ points, title, countLabel, rateLabel, testId }: { points: TrendPoint[]; title: string; countLabel: string; rateLabel: string; testId: string }) {
  const width = 520;
  const height = 200;
  const pad = { l: 34, r: 40, t: 10, b: 28 };
  const plotW = width - pad.l - pad.r;
  const plotH = height - pad.t - pad.b;
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = points.length ? plotW / points.length : plotW;
  const x = (i: number) => pad.l + step * i + step / 2;
  const line = points
    .map((p, i) => (p.rate === null ? null : `${x(i)},${pad.t + plotH * (1 - p.rate)}`))
    .filter((s): s is string => s !== null)
    .join(' ');
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>
        {title} <span className="legend bar"><span className="swatch">■</span> {countLabel}</span> <span className="legend line">— {rateLabel}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        <line x1={pad.l} x2={width - pad.r} y1={pad.t + plotH} y2={pad.t + plotH} stroke="#999" />
        <text x={pad.l - 4} y={pad.t + 8} textAnchor="end" fontSize="10">
          {max}
        </text>
        <text x={width - pad.r + 4} y={pad.t + 8} fontSize="10">
          100%
        </text>
        {points.map((p, i) => {
          const h = (plotH * p.count) / max;
          return (
            <g key={p.label} data-week={p.label} data-count={p.count}>
              <rect x={x(i) - step * 0.3} y={pad.t + plotH - h} width={step * 0.6} height={h} fill="#8fb6e0">
                <title>{`${p.label} · ${countLabel} ${p.count}${p.rate === null ? '' : ` · ${rateLabel} ${(p.rate * 100).toFixed(1)}%`}`}</title>
              </rect>
              <text x={x(i)} y={height - 10} textAnchor="middle" fontSize="10">
                {p.label}
              </text>
            </g>
          );
        })}
        {line && <polyline points={line} fill="none" stroke="#c8102e" strokeWidth={2} />}
      </svg>
    </figure>
  );
}
