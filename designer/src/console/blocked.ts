import type { CaseInfo, ItemModel, Permitted } from '../api/types';
import type { Key } from '../i18n/i18n';
import { when } from './describe';

type T = (key: Key, vars?: Record<string, string | number>) => string;

/**
 * Why a department's task cannot be decided now, or what it waits for, in the clerk's words — null when nothing holds
 * it. A tolerated material still owed (容缺材料) is said with its name and deadline, as the window says it; a case
 * suspended by a refusal in the parallel approval, or paused by a special procedure, says so; a task with no
 * decision permitted (a special procedure is not one) and none of these reasons waits on another step.
 */
export function blockedReason(c: CaseInfo, permitted: Permitted[], model: ItemModel | null, t: T): string | null {
  const name = (id: string) => model?.materials.find((m) => m.id === id)?.name ?? id;
  const supplement = c.obligations.find((o) => o.kind === 'supplement' || o.id === 'supplement');
  const owedIds = supplement?.materials.length ? supplement.materials : c.materials.tolerated.filter((m) => !c.materials.submitted.includes(m));
  const owed = owedIds.length > 0 ? t('owedMaterial', { m: owedIds.map(name).join('、'), d: supplement ? when(supplement.due) : '—' }) : null;
  // A special procedure (启动/结束特别程序) is not a decision on the step.
  if (permitted.some((p) => !p.event.startsWith('procedure-'))) return owed;
  if (c.suspended) return t('blockedSuspended');
  if (c.clock.paused) return t('blockedPaused');
  if (owed) return t('blockedOwed', { o: owed });
  return t('blockedWaiting');
}
