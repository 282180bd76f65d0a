import type { Permitted } from './types';

/*
 * Personal tasks (docs/api.md, "Personal tasks"): the shapes of /api/my/tasks, /api/cases/{id}/tasks, /api/people,
 * /api/people/me and /api/supervision/people.
 */

export type TaskView = 'pool' | 'mine' | 'done' | 'copied' | 'delegated';
export type Signing = 'single' | 'all' | 'any' | 'sequential' | 'vote';
export type Level = 'none' | 'yellow' | 'red';

export interface Signer {
  slot: string;
  slotName: string | null;
  person: string | null;
  name: string | null;
  decision: 'approve' | 'refuse' | null;
  at: string | null;
  note: string | null;
}

/** An open task of a case (TaskView on the server). */
export interface CaseTask {
  region: string;
  branch: string | null;
  state: string;
  title: string;
  department: string;
  departmentName: string | null;
  position: string | null;
  positionName: string | null;
  holder: string | null;
  holderName: string | null;
  delegate: string | null;
  delegateName: string | null;
  previous: string[];
  signing: Signing;
  passCount: number | null;
  passRatio: number | null;
  signers: Signer[];
  createdAt: string;
  cameFrom: string | null;
  cameFromPerson: string | null;
  acted: boolean;
  returns: string[];
  transferToDepartment: boolean;
  urges: number;
  transfers: number;
}

/** A step a person did (已办). */
export interface StepDone {
  region: string;
  state: string;
  title: string;
  person: string;
  name: string | null;
  event: string;
  at: string;
  since: string | null;
  returned: boolean;
  sequence: number;
}

export interface CaseCopy {
  recipient: string;
  by: string | null;
  at: string;
  note: string | null;
  readAt: string | null;
  readBy: string | null;
}

export interface TaskWarning {
  level: Level;
  scope: string;
  at: string;
  scopeTitle: string | null;
}

/** A row of /api/my/tasks. */
export interface PersonalTask {
  caseId: string;
  receipt: string;
  item: string;
  itemName: string;
  view: TaskView;
  mainState: string;
  outcome: string | null;
  task: CaseTask | null;
  done: StepDone | null;
  copy: CaseCopy | null;
  due: string | null;
  remainingHours: number | null;
  warning: Level;
  caseWarning: Level | null;
  caseRemainingHours: number | null;
  warnings: TaskWarning[];
  onBehalfOf: string | null;
  permitted: Permitted[];
}

export interface PersonalTaskPage {
  view: TaskView;
  tasks: PersonalTask[];
  total: number;
  page: number;
  pageSize: number;
}

/** /api/cases/{id}/tasks: the case view's signers and decisions. */
export interface CaseTasks {
  caseId: string;
  receipt: string;
  tasks: CaseTask[];
  done: StepDone[];
  copies: CaseCopy[];
  permitted: Permitted[];
}

export interface PositionEntry {
  id: string;
  name: string;
  assigns: boolean;
}

export interface PersonEntry {
  id: string;
  name: string;
  positions: string[];
}

/** One department of /api/people. */
export interface PeopleDepartment {
  id: string;
  name: string;
  positions: PositionEntry[];
  people: PersonEntry[];
}

export interface DeputyView {
  principal: string;
  principalName: string | null;
  deputy: string;
  from: string | null;
  until: string;
  active: boolean;
}

export interface Me {
  id: string;
  name: string | null;
  departments: string[];
  positions: string[];
  deputy: DeputyView | null;
  actingFor: DeputyView[];
}

export interface PeopleMetric {
  key: string;
  name: string | null;
  department: string | null;
  openTasks: number;
  done: number;
  averageHandlingHours: number | null;
  returned: number;
  returnRate: number | null;
  transfers: number;
  urged: number;
}

export interface PeopleMetrics {
  from: string;
  to: string;
  cases: number;
  people: PeopleMetric[];
  positions: PeopleMetric[];
}
