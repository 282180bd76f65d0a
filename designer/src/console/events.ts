import type { Permitted } from '../api/types';
import type { Key } from '../i18n/i18n';

/** What an event needs from the clerk before it can be sent. */
export type EventForm = 'reason' | 'materials' | 'procedure' | 'note' | 'none';

export function formOf(event: string): EventForm {
  if (/^(reject|refuse|request-correction|correct)/.test(event)) return 'reason';
  if (event === 'supplement' || event === 'resubmit') return 'materials';
  if (event === 'procedure-start') return 'procedure';
  if (event === 'rectify' || event === 'feedback' || event === 'verify') return 'note';
  return 'none';
}

/**
 * Events that cannot be taken back once sent — 撤回, 终止, 撤销, 不同意/不予受理 — ask for confirmation and are drawn as
 * dangerous actions, apart from the everyday ones (受理, 容缺受理…).
 */
export function isIrreversible(event: string): boolean {
  return /^(withdraw|terminate|revoke|cancel|abort|reject|refuse|deny)/.test(event);
}

/** 好差评 is the applicant's, on the progress page: staff are never offered it, whatever a server lists. */
export function staffMayOffer(event: string): boolean {
  return event !== 'rate';
}

/** The branch a permitted event belongs to ("approval/market" → "market"); null on the main region. */
export function branchOf(p: Permitted): string | null {
  return p.region === 'main' ? null : (p.region.split('/').pop() ?? null);
}

export function eventKey(event: string): Key {
  return `ev_${event}` as Key;
}

/** A key for one click: the server answers a repeated key with the first result instead of acting twice. */
export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
