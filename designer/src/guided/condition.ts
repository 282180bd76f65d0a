/*
 * A condition of the guided mode's 条件分支, chosen in words — a field by its Chinese name, a comparison, a value — and
 * the JavaScript guard it stands for (docs/expressions.md): 金额 大于 100万 ⇄ `data.amount > 1000000`. Only guards of
 * this one shape are read back into words; any other stays as written and its card read-only.
 */

export type FieldType = 'number' | 'boolean';

export interface ConditionField {
  /** what the guard reads: `data.amount`, `missing.length`, `applicant.badCredit` */
  path: string;
  zh: string;
  en: string;
  type: FieldType;
}

/** The fields a condition offers: what a guard sees of every case (docs/expressions.md) and common case data. */
export const conditionFields: ConditionField[] = [
  { path: 'data.amount', zh: '金额', en: 'Amount', type: 'number' },
  { path: 'data.capital', zh: '注册资本', en: 'Registered capital', type: 'number' },
  { path: 'data.area', zh: '面积', en: 'Area', type: 'number' },
  { path: 'data.loanAmount', zh: '贷款金额', en: 'Loan amount', type: 'number' },
  { path: 'data.count', zh: '数量', en: 'Quantity', type: 'number' },
  { path: 'missing.length', zh: '缺少的材料数', en: 'Missing materials', type: 'number' },
  { path: 'applicant.badCredit', zh: '申请人有失信记录', en: 'Applicant has a bad credit record', type: 'boolean' },
  { path: 'applicant.falsePledge', zh: '申请人曾虚假承诺', en: 'Applicant made a false pledge', type: 'boolean' },
  { path: 'data.tradeVerified', zh: '交易已核验', en: 'Trade verified', type: 'boolean' },
  { path: 'data.taxPaid', zh: '税费已缴纳', en: 'Taxes paid', type: 'boolean' },
];

export const numberComparisons = ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'] as const;
export const booleanComparisons = ['is', 'isNot'] as const;
export type Comparison = (typeof numberComparisons)[number] | (typeof booleanComparisons)[number];

const operators: Record<Comparison, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '===', ne: '!==', is: '===', isNot: '!==' };
const comparisonZh: Record<Comparison, string> = { gt: '大于', gte: '不少于', lt: '小于', lte: '不超过', eq: '等于', ne: '不等于', is: '是', isNot: '否' };

export interface Condition {
  field: string;
  comparison: Comparison;
  /** the number as the guard writes it (`1000000`); empty for a yes/no field */
  value: string;
}

/** The field a guard reads, known by its name, else named by its key (a `data.x` another author wrote). */
export function fieldOf(path: string): ConditionField {
  return conditionFields.find((f) => f.path === path) ?? { path, zh: path.replace(/^data\./, ''), en: path.replace(/^data\./, ''), type: 'number' };
}

/** A number as typed — full-width digits, thousands commas, 万 and 亿 (100万 → 1000000) — or null when it is not one. */
export function parseNumber(typed: string): string | null {
  const ascii = typed
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '')
    .replace(/^[－-]/, '-');
  const m = /^(-?\d+(?:\.\d+)?)(万|亿)?$/.exec(ascii);
  if (!m) return null;
  const scale = m[2] === '亿' ? 100000000 : m[2] === '万' ? 10000 : 1;
  const n = Number(m[1]) * scale;
  if (!Number.isFinite(n)) return null;
  // 100万 → 1000000 exactly, without the float's dust (1.1万 → 11000).
  return String(Math.round(n * 10000) / 10000);
}

/** A number in Chinese words: 1000000 → 100万, 150000000 → 1.5亿, 500 → 500. */
export function numberWords(value: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const scaled = (d: number, w: string) => {
    const s = n / d;
    const r = Math.round(s * 10000) / 10000;
    return Math.abs(r - s) < 1e-9 ? `${r}${w}` : null;
  };
  if (Math.abs(n) >= 100000000) return scaled(100000000, '亿') ?? value;
  if (Math.abs(n) >= 10000) return scaled(10000, '万') ?? value;
  return value;
}

/** The guard a condition stands for, or null when its value is not a number where one is needed. */
export function guardOf(c: Condition): string | null {
  const field = fieldOf(c.field);
  if (field.type === 'boolean') return c.comparison === 'isNot' ? `${field.path} !== true` : `${field.path} === true`;
  if (!(numberComparisons as readonly string[]).includes(c.comparison)) return null;
  const n = parseNumber(c.value);
  return n === null ? null : `${field.path} ${operators[c.comparison]} ${n}`;
}

/** A condition in Chinese words, as a transition's title: 金额大于100万, 申请人有失信记录：是. */
export function conditionWords(c: Condition): string {
  const field = fieldOf(c.field);
  if (field.type === 'boolean') return `${field.zh}：${comparisonZh[c.comparison === 'isNot' ? 'isNot' : 'is']}`;
  return `${field.zh}${comparisonZh[c.comparison]}${numberWords(c.value)}`;
}

const guardShape = /^\s*(data\.[A-Za-z_$][\w$]*|missing\.length|applicant\.[A-Za-z_$][\w$]*)\s*(>=|<=|>|<|===|!==)\s*(-?\d+(?:\.\d+)?|true)\s*$/;

/** The condition a guard says, when it has the one shape the cards write (`data.amount > 1000000`); else null. */
export function parseGuard(guard: string): Condition | null {
  const m = guardShape.exec(guard);
  if (!m) return null;
  const [, path, op, literal] = m;
  const field = fieldOf(path);
  if (literal === 'true') {
    if (field.type !== 'boolean' || (op !== '===' && op !== '!==')) return null;
    return { field: path, comparison: op === '===' ? 'is' : 'isNot', value: '' };
  }
  if (field.type !== 'number') return null;
  const comparison = numberComparisons.find((c) => operators[c] === op);
  return comparison ? { field: path, comparison, value: String(Number(literal)) } : null;
}
