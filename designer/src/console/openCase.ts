import type { CaseInfo, HistoryEntry, ItemModel } from '../api/types';

/** A case as staff open it (worklist, window, dashboard): the case now, its history, and the model of the definition version it runs on (loaded by `caseQuery`). */
export interface OpenedCase {
  caseInfo: CaseInfo;
  history: HistoryEntry[];
  model: ItemModel | null;
}
