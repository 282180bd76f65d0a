import { api } from '../api/client';
import type { CaseInfo, HistoryEntry, ItemModel } from '../api/types';

/** A case as staff open it: the case now, its history, and the model of the definition version it runs on. */
export interface OpenedCase {
  caseInfo: CaseInfo;
  history: HistoryEntry[];
  model: ItemModel | null;
}

/** Loads a case by its id or receipt number for the case view (worklist, window, dashboard). */
export async function openCase(id: string): Promise<OpenedCase> {
  const [caseInfo, history] = await Promise.all([api.getCase(id), api.history(id)]);
  const [code, version] = caseInfo.definitionId.split('@');
  return { caseInfo, history, model: await api.itemModel(code, Number(version)) };
}
