/**
 * Durations entered as a number and a unit chosen in words. The units are exactly the DSL's (docs/dsl.md,
 * "Durations"): wd 工作日, wh 工作小时, d 自然日, h 小时, min 分钟, a number with an optional fraction (0.5wd).
 */
export const durationUnits = ['wd', 'wh', 'd', 'h', 'min'] as const;
export type DurationUnit = (typeof durationUnits)[number];

/** The DSL's duration syntax (the JSON schema's pattern). */
export const durationPattern = /^(\d+(?:\.\d+)?)(wd|wh|d|h|min)$/;

export interface DurationParts {
  amount: string;
  unit: DurationUnit;
}

/** A written duration split into its number and unit, or null when it is not one (an empty value, `P1D`). */
export function parseDuration(text: string | null | undefined): DurationParts | null {
  const m = durationPattern.exec((text ?? '').trim());
  return m ? { amount: m[1], unit: m[2] as DurationUnit } : null;
}

/** The number typed, normalized for the DSL (full-width digits and a Chinese comma accepted), or null when it is not a positive number. */
export function normalizeAmount(typed: string): string | null {
  const ascii = typed
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。，,]/g, '.');
  if (!/^\d+(?:\.\d+)?$/.test(ascii)) return null;
  const n = Number(ascii);
  if (!Number.isFinite(n) || n <= 0) return null;
  // 3.50 → 3.5, 03 → 3: the value as the DSL writes it.
  return String(n);
}

/** The DSL text of a number and unit (`3`, `wd` → `3wd`), or null when the number is not a positive number. */
export function formatDuration(amount: string, unit: DurationUnit): string | null {
  const n = normalizeAmount(amount);
  return n === null ? null : `${n}${unit}`;
}

/** A written duration in words (`0.5wd` → `0.5 工作日` with the unit words given); anything else as written. */
export function durationWords(text: string | null | undefined, unitWord: (unit: DurationUnit) => string): string {
  const p = parseDuration(text);
  return p ? `${p.amount} ${unitWord(p.unit)}` : (text ?? '');
}

/** Every duration inside a sentence (a server's consequence: 时限 0.5wd) put in words. */
export function durationsInText(text: string, unitWord: (unit: DurationUnit) => string): string {
  return text.replace(/(^|[^A-Za-z0-9.])(\d+(?:\.\d+)?)(wd|wh|min|d|h)(?![A-Za-z0-9])/g, (_, pre: string, n: string, u: DurationUnit) => `${pre}${n} ${unitWord(u)}`);
}
