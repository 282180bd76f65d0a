import type { Signing } from '../api/peopleTypes';

/** A step's `task:` as the inspector edits it (docs/dsl.md, "Personal tasks"). */
export interface TaskRule {
  position?: string;
  person?: string;
  sameAs?: string;
  notSameAs?: string;
  signing?: Signing;
  signers?: string[];
  pass?: number | string;
  returns?: string[] | 'any';
  transfer?: boolean;
  [key: string]: unknown;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The rule of a state's `task:` value (absent or not a map: no rule). */
export function taskRuleOf(value: unknown): TaskRule | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TaskRule) : null;
}

/**
 * The rule with one field changed: an empty value removes the key, `single` signing removes signing, signers and pass,
 * and a signing mode other than 票签 drops `pass`. Keys the form does not know (approve, refuse, personFrom…) stay.
 */
export function withTaskField(rule: TaskRule | null, field: keyof TaskRule & string, value: unknown): TaskRule {
  const next: TaskRule = { ...obj(rule) };
  const empty = value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
  if (empty) delete next[field];
  else next[field] = value;
  if (field === 'signing') {
    if (empty || value === 'single') {
      delete next.signing;
      delete next.signers;
      delete next.pass;
    } else {
      if (value !== 'vote') delete next.pass;
      if (!next.signers?.length && next.position) next.signers = [next.position];
    }
  }
  return next;
}

/** The pass rule as typed: a whole number of signers (`2`) or a share (`67%`); anything else is no rule. */
export function parsePass(text: string): number | string | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t) && Number(t) > 0) return Number(t);
  if (/^\d{1,3}%$/.test(t)) return t;
  return undefined;
}

/** The returns as the form shows them: `any`, or the listed steps. */
export function returnsOf(rule: TaskRule | null): { any: boolean; steps: string[] } {
  const r = rule?.returns;
  if (r === 'any') return { any: true, steps: [] };
  return { any: false, steps: Array.isArray(r) ? r.map(String) : typeof r === 'string' ? [r] : [] };
}

/** The graph's badge for a rule: 会签, 或签, 依次, 票签 (with its pass rule); none for one person. */
export function signingBadge(rule: TaskRule | null): string | null {
  switch (rule?.signing) {
    case 'all':
      return '会签';
    case 'any':
      return '或签';
    case 'sequential':
      return '依次';
    case 'vote':
      return rule.pass !== undefined ? `票签 ${String(rule.pass)}${typeof rule.pass === 'number' && rule.signers ? `/${rule.signers.length}` : ''}` : '票签';
    default:
      return null;
  }
}
