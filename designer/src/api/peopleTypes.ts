/*
 * Personal tasks (docs/api.md, "Personal tasks"): the shapes of /api/my/tasks, /api/cases/{id}/tasks, /api/people,
 * /api/people/me and /api/supervision/people, under the names the app uses — generated from the server's OpenAPI
 * document like the rest (./types.ts, `npm run api:types`).
 */
import type { components } from './schema';

type Schemas = components['schemas'];

/** The personal lists (the `view` query parameter of /api/my/tasks). */
export type TaskView = 'pool' | 'mine' | 'done' | 'copied' | 'delegated';
export type CaseTask = Schemas['TaskView'];
export type Signing = CaseTask['signing'];
export type Signer = Schemas['SignerView'];
export type StepDone = Schemas['StepDoneView'];
export type CaseCopy = Schemas['CopyView'];
export type PersonalTask = Schemas['PersonalTask'];
export type Level = PersonalTask['warning'];
export type TaskWarning = PersonalTask['warnings'][number];
export type PersonalTaskPage = Schemas['PersonalWorklistPage'];
export type CaseTasks = Schemas['CaseTasksResponse'];
export type PositionEntry = Schemas['PositionView'];
export type PersonEntry = Schemas['PersonView'];
export type PeopleDepartment = Schemas['DepartmentPeopleView'];
export type DeputyView = Schemas['DeputyView'];
export type Me = Schemas['MeView'];
export type PeopleMetric = Schemas['PeopleMetric'];
export type PeopleMetrics = Schemas['PeopleMetricsResponse'];
