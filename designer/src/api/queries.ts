import { QueryClient, queryOptions, type QueryKey } from '@tanstack/react-query';
import { api as defaultApi, ApiError, type ApiClient } from './client';
import type { DocumentKind } from './types';

/*
 * Every read of server data goes through the query cache: one key per resource, the query's AbortSignal passed to
 * fetch (a query no longer wanted — the page left, the filter changed — stops its request), refetched when the window
 * regains focus, and invalidated by the mutations that change it (`invalidatedBy`). Pages hold no loading flags or
 * "is this answer still wanted" guards of their own.
 */

/** The cache keys. A key's prefix names everything below it: invalidating ['cases', id] also refreshes its history. */
export const keys = {
  /** The catalog listing (its own key, so refreshing it leaves the cached versions of each item alone). */
  definitions: ['catalog'] as const,
  organization: ['organization'] as const,
  definition: (code: string) => ['definitions', code] as const,
  layout: (code: string) => ['definitions', code, 'layout'] as const,
  versions: (code: string) => ['definitions', code, 'versions'] as const,
  version: (code: string, version: number) => ['definitions', code, 'version', version] as const,
  diff: (code: string, from: number, to: number | 'draft') => ['definitions', code, 'diff', from, to] as const,
  /** A migration plan: read-only on the server, though asked for by POST (its mapping is the request body). */
  migrationPlan: (code: string, from: number, to: number, mapping: Record<string, string>) =>
    ['definitions', code, 'migration-plan', from, to, mapping] as const,
  validation: (yaml: string) => ['validation', yaml] as const,
  workingTime: (calendar: string, duration: string) => ['calendars', calendar, duration] as const,
  case: (id: string) => ['cases', id] as const,
  document: (id: string, kind: DocumentKind) => ['cases', id, 'documents', kind] as const,
  worklist: (filters: WorklistFilters) => ['worklist', filters] as const,
  metrics: (from?: string, to?: string) => ['metrics', from ?? null, to ?? null] as const,
  trend: (weeks: number) => ['metrics', 'weekly', weeks] as const,
  warnings: (status: 'running' | 'finished' | 'all') => ['supervision', 'warnings', status] as const,
  tickets: ['tickets'] as const,
  caseList: (filters: { item?: string; department?: string }) => ['supervision', 'cases', filters] as const,
  progress: (receipt: string, code: string) => ['progress', receipt, code] as const,
};

export interface WorklistFilters {
  /** todo (waiting, the default) or handled (已办). */
  view?: 'todo' | 'handled';
  item?: string;
  warning?: string;
  receipt?: string;
  page?: number;
  pageSize?: number;
}

/** The changes the app makes, and what each makes stale. */
export type Change =
  | { kind: 'definitionCreated' }
  | { kind: 'draftSaved'; code: string }
  | { kind: 'published'; code: string }
  | { kind: 'caseStarted' }
  | { kind: 'eventSent'; caseId: string }
  | { kind: 'casesMigrated'; code: string; caseIds: string[] }
  | { kind: 'ticketWorked' }
  | { kind: 'rated' };

/** The key prefixes a change makes stale (everything listing or counting what it changed). */
export function invalidatedBy(change: Change): QueryKey[] {
  switch (change.kind) {
    case 'definitionCreated':
      return [keys.definitions];
    case 'draftSaved':
      // The catalog shows whether a draft exists and is valid; the version diff against the draft changes.
      return [keys.definitions, ['definitions', change.code, 'diff']];
    case 'published':
      return [keys.definitions, keys.versions(change.code)];
    case 'caseStarted':
      return [['worklist'], ['metrics'], ['supervision']];
    case 'eventSent':
      return [keys.case(change.caseId), ['worklist'], ['metrics'], ['supervision'], keys.tickets];
    case 'casesMigrated':
      // The moved cases now run on another version; the plan that listed them is out of date.
      return [...change.caseIds.map(keys.case), ['definitions', change.code, 'migration-plan'], ['worklist'], ['metrics'], ['supervision']];
    case 'ticketWorked':
      return [keys.tickets, ['metrics'], ['supervision']];
    case 'rated':
      // The page itself takes the answer of the rating call; a bad rating opens a ticket and counts in the metrics.
      return [keys.tickets, ['metrics']];
  }
}

/** Marks what `change` made stale; the queries on screen refetch, the others when next used. */
export function invalidate(client: QueryClient, change: Change): Promise<void> {
  return Promise.all(invalidatedBy(change).map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined);
}

/**
 * The app's cache: answers are fresh for a few seconds (a page and its panes asking for the same thing share one
 * request), refetched on focus; refusals (4xx) are not retried, as asking again gets the same answer.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: true,
        retry: (failures, e) => !(e instanceof ApiError && e.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

// The queries, each as options (key + fetch with the query's signal) so tests and prefetching use the same ones.

export const definitionsQuery = (api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.definitions, queryFn: ({ signal }) => api.withSignal(signal).listDefinitions() });

export const organizationQuery = (api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.organization, queryFn: ({ signal }) => api.withSignal(signal).organization(), staleTime: 5 * 60_000 });

/** A definition as stored: its draft (or latest) text with revision, graph and diagnostics. */
export const definitionQuery = (code: string, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.definition(code), queryFn: ({ signal }) => api.withSignal(signal).getDefinition(code) });

export const versionsQuery = (code: string, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.versions(code), queryFn: ({ signal }) => api.withSignal(signal).versions(code) });

/** A published version never changes. */
export const versionQuery = (code: string, version: number, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.version(code, version), queryFn: ({ signal }) => api.withSignal(signal).version(code, version), staleTime: Infinity });

export const itemModelQuery = (code: string, version: number, api: ApiClient = defaultApi) =>
  queryOptions({
    queryKey: [...keys.version(code, version), 'model'] as const,
    queryFn: ({ signal }) => api.withSignal(signal).itemModel(code, version),
    staleTime: Infinity,
  });

export const diffQuery = (code: string, from: number, to: number | 'draft', api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.diff(code, from, to), queryFn: ({ signal }) => api.withSignal(signal).diff(code, from, to) });

/** The server's check of a YAML text (graph and diagnostics); the same text is the same answer. */
/** The plan of moving the running cases of `from` to `to`; always asked afresh (cases move on meanwhile). */
export const migrationPlanQuery = (code: string, from: number, to: number, mapping: Record<string, string>, api: ApiClient = defaultApi) =>
  queryOptions({
    queryKey: keys.migrationPlan(code, from, to, mapping),
    queryFn: ({ signal }) => api.withSignal(signal).planMigration(code, { from, to, mapping }),
    staleTime: 0,
    refetchOnWindowFocus: false,
    retry: false,
  });

export const validationQuery = (yaml: string, api: ApiClient = defaultApi) =>
  queryOptions({
    queryKey: keys.validation(yaml),
    queryFn: ({ signal }) => api.withSignal(signal).validate(yaml),
    staleTime: Infinity,
    gcTime: 30_000,
    refetchOnWindowFocus: false,
  });

export const workingTimeQuery = (calendar: string, duration: string, api: ApiClient = defaultApi) =>
  queryOptions({
    queryKey: keys.workingTime(calendar, duration),
    queryFn: ({ signal }) => api.withSignal(signal).addWorkingTime(calendar, new Date().toISOString(), duration),
    staleTime: 60_000,
    retry: false,
  });

/** A case as staff open it: the case now, its history and the model of the version it runs on. */
export const caseQuery = (id: string, api: ApiClient = defaultApi) =>
  queryOptions({
    queryKey: keys.case(id),
    queryFn: async ({ signal }) => {
      const client = api.withSignal(signal);
      const [caseInfo, history] = await Promise.all([client.getCase(id), client.history(id)]);
      const [code, version] = caseInfo.definitionId.split('@');
      return { caseInfo, history, model: await client.itemModel(code, Number(version)) };
    },
  });

export const worklistQuery = (filters: WorklistFilters, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.worklist(filters), queryFn: ({ signal }) => api.withSignal(signal).worklist(filters) });

export const metricsQuery = (from: string | undefined, to: string | undefined, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.metrics(from, to), queryFn: ({ signal }) => api.withSignal(signal).metrics(from, to) });

export const warningsQuery = (status: 'running' | 'finished' | 'all', api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.warnings(status), queryFn: ({ signal }) => api.withSignal(signal).warnedCases(status) });

/** The dashboard's drill-down: the cases of one item, or of the items a department takes part in. */
export const caseListQuery = (filters: { item?: string; department?: string }, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.caseList(filters), queryFn: ({ signal }) => api.withSignal(signal).listCases({ ...filters, limit: 100 }) });

export const ticketsQuery = (api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.tickets, queryFn: ({ signal }) => api.withSignal(signal).tickets() });

/** The applicant's page: looked up when asked for (the receipt and code typed, or the link's). */
export const progressQuery = (receipt: string, code: string, api: ApiClient = defaultApi) =>
  queryOptions({ queryKey: keys.progress(receipt, code), queryFn: ({ signal }) => api.withSignal(signal).progress(receipt, code), retry: false });
