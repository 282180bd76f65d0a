// The operations console's view of the server's JSON (engine/HongqiFlow.Server: Cases/, Supervision/).

export interface MaterialInfo {
  id: string;
  name: string;
  core: boolean;
  tolerable: boolean;
  committable: boolean;
  shared: string | null;
  optional: boolean;
}

export interface ItemModel {
  code: string;
  name: string;
  version: number;
  kind: string;
  lead: string;
  promised: string | null;
  statutory: string | null;
  materials: MaterialInfo[];
  toleranceMaxMissing: number | null;
  commitment: boolean;
  departments: string[];
  procedures?: { id: string; name: string; max: string | null }[];
  /** Every parallel branch: region key (state/branch), branch name, title and department. */
  branches?: { region: string; name: string; title: string | null; department: string }[];
  /** Obligations the item declares beyond the built-in ones. */
  obligations?: { id: string; name: string }[];
  /** Each state's title by its name. */
  stateTitles?: Record<string, string>;
}

export interface Permitted {
  event: string;
  region: string;
  target: string | null;
  title: string | null;
}

export interface RegionInfo {
  region: string;
  state: string;
  title: string;
  department: string | null;
  enteredAt: string;
  final: boolean;
}

export interface ClockInfo {
  started: boolean;
  paused: boolean;
  stopped: boolean;
  elapsedHours: number;
  remainingPromisedHours: number | null;
  remainingStatutoryHours: number | null;
  overduePromised: boolean;
  overdueStatutory: boolean;
}

export interface ObligationInfo {
  id: string;
  kind: string;
  opened: string;
  due: string;
  status: string;
  materials: string[];
}

export interface RatingInfo {
  level: number;
  comment: string | null;
  at: string;
  defaulted: boolean;
  bad: boolean;
}

export interface CaseInfo {
  caseId: string;
  receipt: string;
  definitionId: string;
  item: string;
  itemName: string;
  mainState: string;
  regions: RegionInfo[];
  outcome: string | null;
  suspended: boolean;
  applicant: { name: string; idNumber: string | null; phone: string | null } | null;
  channel: string;
  assisted: boolean;
  materials: { submitted: string[]; missing: string[]; tolerated: string[]; committed: string[]; shared: string[] };
  clock: ClockInfo;
  /** scopeTitle: the branch's or step's title; absent for the whole case. */
  warnings: { level: string; scope: string; at: string; scopeTitle?: string | null }[];
  obligations: ObligationInfo[];
  permitted: Permitted[];
  rating: RatingInfo | null;
  version: number;
  /** Only for the window and admins, who hand it to the applicant. */
  verificationCode?: string | null;
}

export interface StartCaseInput {
  item: string;
  applicant: { name: string; idNumber?: string; phone?: string };
  submitted: string[];
  channel: 'window' | 'online' | 'assisted';
  assisted: boolean;
}

export interface StartCaseResult {
  caseId: string;
  receipt: string;
  verificationCode: string;
  missing: string[];
  mayDo: Permitted[];
  case: CaseInfo;
  repeat: boolean;
}

export interface HistoryEntry {
  sequence: number;
  type: string;
  at: string;
  role: string;
  user: string;
  channel: string;
  region: string | null;
  data: Record<string, string | null>;
  flagged: boolean;
}

export interface WorkTask {
  caseId: string;
  receipt: string;
  item: string;
  itemName: string;
  department: string;
  region: string;
  branch: string | null;
  state: string;
  title: string;
  enteredAt: string;
  due: string | null;
  remainingHours: number | null;
  warning: 'none' | 'yellow' | 'red';
  /** The whole case's warning: a case past its promised time makes each of its tasks urgent. */
  caseWarning?: 'none' | 'yellow' | 'red';
  permitted: Permitted[];
}

export interface WorklistPage {
  tasks: WorkTask[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Indicators {
  cases: number;
  finished: number;
  averageProcessingWorkingDays: number | null;
  secondSubmissionRate: number | null;
  visitsPerCase: number | null;
  oneTimeNoticeCompleteness: number | null;
  overdueCaseRate: number | null;
  /** 超过法定时限: accepted cases past the statutory limit, apart from the promised one. */
  statutoryOverdueCases: number;
  statutoryOverdueRate: number | null;
  overdueStepRate: number | null;
  onTimeRate: number | null;
  instantShare: number | null;
  assistedShare: number | null;
  onlineShare: number | null;
  automaticApprovalShare: number | null;
  ratings: number;
  goodRatingRate: number | null;
  badRatings: number;
  rectificationRate: number | null;
  feedbackRate: number | null;
}

export interface Metrics {
  from: string;
  to: string;
  overall: Indicators;
  byItem: Record<string, Indicators>;
  byDepartment: Record<string, Indicators>;
}

export interface Ticket {
  caseId: string;
  receipt: string;
  item: string;
  itemName: string;
  level: number;
  comment: string | null;
  ratedAt: string;
  due: string | null;
  rectified: boolean;
  fedBack: boolean;
  overdue: boolean;
}

export interface WarnedCase {
  caseId: string;
  receipt: string;
  item: string;
  itemName: string;
  mainState: string;
  /** The main state's title in the definition (e.g. 已发证). */
  mainStateTitle?: string | null;
  status: 'running' | 'finished';
  level: 'yellow' | 'red';
  scope: string;
  /** The branch's or step's title; absent for the whole case. */
  scopeTitle?: string | null;
  at: string;
  department: string | null;
}

export interface ProgressInfo {
  receipt: string;
  itemName: string;
  applicant: string;
  where: RegionInfo[];
  outcome: string | null;
  owed: ObligationInfo[];
  owedMaterials: string[];
  timeline: { at: string; what: string }[];
  rating: RatingInfo | null;
  canRate: boolean;
  /** While the case waits for what a one-time notice listed: the materials by name, until when, and what follows. */
  notice?: { materials: string[]; due: string | null; then: string | null } | null;
  /** While the promised time runs, when it ends; `overduePromised` once it has passed before the decision. */
  promisedBy?: string | null;
  overduePromised?: boolean;
}

export type DocumentKind = 'receipt' | 'one-time-notice' | 'tolerance-notice' | 'decision';
