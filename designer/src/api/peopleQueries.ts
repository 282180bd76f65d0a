import { queryOptions } from '@tanstack/react-query';
import { api as defaultApi, type ApiClient } from './client';
import type { TaskView } from './peopleTypes';

/*
 * The personal-task reads. Their keys sit under the prefixes the existing changes invalidate (queries.ts,
 * `invalidatedBy`): a sent event refreshes ['cases', id] (so the case's tasks and signers) and ['worklist'] (so every
 * personal list); the per-person metrics sit under ['supervision'].
 */
export const peopleKeys = {
  myTasks: (view: TaskView) => ['worklist', 'personal', view] as const,
  caseTasks: (id: string) => ['cases', id, 'tasks'] as const,
  people: ['people'] as const,
  me: ['people', 'me'] as const,
  metrics: ['supervision', 'people'] as const,
};

/** A personal list is asked again every half minute while on screen: other people claim and hand on tasks. */
export const myTasksQuery = (view: TaskView, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: peopleKeys.myTasks(view), queryFn: ({ signal }) => api.withSignal(signal).myTasks(view), refetchInterval: 30_000 });

export const caseTasksQuery = (id: string, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: peopleKeys.caseTasks(id), queryFn: ({ signal }) => api.withSignal(signal).caseTasks(id) });

/** The directory changes with organization.yaml only. */
export const peopleQuery = (api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: peopleKeys.people, queryFn: ({ signal }) => api.withSignal(signal).people(), staleTime: 5 * 60_000 });

export const meQuery = (api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: peopleKeys.me, queryFn: ({ signal }) => api.withSignal(signal).me(), staleTime: 60_000 });

export const peopleMetricsQuery = (api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: peopleKeys.metrics, queryFn: ({ signal }) => api.withSignal(signal).peopleMetrics() });
