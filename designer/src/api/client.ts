import { getToken } from './auth';
import type {
  DefinitionDocument,
  CaseListPage,
  DefinitionSummary,
  OrganizationDirectory,
  Diagnostic,
  GraphDto,
  LayoutFile,
  SemanticDiff,
  SimulationCase,
  SimulationResult,
  SimulationResponse,
  SimulationStep,
  SimulationStepInput,
  ValidationResult,
  VersionInfo,
} from './types';
import type {
  CaseInfo,
  CaseSearchResult,
  DocumentKind,
  HistoryEntry,
  ItemModel,
  Metrics,
  ProgressInfo,
  StartCaseInput,
  StartCaseResult,
  Ticket,
  WarnedCase,
  WorklistPage,
} from './types';
import type { MigrationExecuteInput, MigrationPlan, MigrationPlanInput, MigrationRun } from './types';
import type { CaseTasks, DeputyView, Me, PeopleDepartment, PeopleMetrics, PersonalTaskPage, TaskView } from './peopleTypes';

/** An HTTP failure with the server's problem details (and diagnostics when the server sent them). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }

  get diagnostics(): Diagnostic[] {
    const b = this.body as { diagnostics?: Diagnostic[]; errors?: unknown } | null;
    return Array.isArray(b?.diagnostics) ? b.diagnostics : [];
  }
}

/** The draft was saved elsewhere since it was loaded (HTTP 409). */
export class ConflictError extends ApiError {
  get currentRevision(): string | number | undefined {
    return (this.body as { currentRevision?: string | number } | null)?.currentRevision;
  }
}

export type Fetch = typeof fetch;

/** The positions of a stored layout that can be drawn (finite x and y); anything else is laid out afresh. */
export function usablePositions(positions: unknown): Record<string, { x: number; y: number }> {
  if (!positions || typeof positions !== 'object' || Array.isArray(positions)) return {};
  const usable: Record<string, { x: number; y: number }> = {};
  for (const [id, p] of Object.entries(positions as Record<string, unknown>)) {
    const { x, y } = (p ?? {}) as { x?: unknown; y?: unknown };
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) usable[id] = { x, y };
  }
  return usable;
}

/**
 * What to tell the user about a failed call, in their language: a missing or expired token as the page's own words
 * (`unauthorized`), a refusal by the engine with its reason in Chinese (`reason`) beside the English `detail`,
 * everything else as the problem's own line.
 */
export function errorText(e: unknown, lang: 'zh' | 'en', unauthorized?: string): string {
  if (e instanceof ApiError && e.status === 401 && unauthorized) return unauthorized;
  if (e instanceof ApiError) {
    const reason = (e.body as { reason?: unknown } | null)?.reason;
    return lang === 'zh' && typeof reason === 'string' && reason ? reason : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A problem response in one line: its detail, then each field error (`applicant.phone: not a phone number…`). */
export function problemMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const p = body as { title?: string; detail?: string; errors?: Record<string, unknown> };
  const head = p.detail ?? p.title ?? null;
  const fields =
    p.errors && typeof p.errors === 'object' && !Array.isArray(p.errors)
      ? Object.entries(p.errors).map(([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join('; ') : String(messages)}`)
      : [];
  if (fields.length === 0) return head;
  return head ? `${head} — ${fields.join('; ')}` : fields.join('; ');
}

const nodeKinds: Record<string, GraphDto['nodes'][number]['kind']> = { state: 'State', final: 'Final', parallel: 'Parallel', branch: 'Branch' };

/** The server writes enum values in camelCase (`branch`); the graph code speaks the engine's names (`Branch`). */
/**
 * The server lists each step's regions as `[{region, state}]` (docs/api.md); the app reads them as a map
 * region → state. Either form is accepted, so the app and the server cannot drift apart silently here.
 */
export function normalizeSimulation(result: SimulationResponse | SimulationResult): SimulationResult {
  const steps = (result.steps ?? []).map((step) => {
    const regions = step.regions as unknown;
    if (!Array.isArray(regions)) return step as SimulationStep;
    const map: Record<string, string> = {};
    for (const r of regions as { region?: string; state?: string }[]) {
      if (typeof r?.region === 'string' && typeof r.state === 'string') map[r.region] = r.state;
    }
    return { ...step, regions: map };
  });
  return { ...result, steps };
}

export function normalizeGraph<T extends { graph?: GraphDto | null }>(value: T): T {
  if (value?.graph?.nodes) for (const n of value.graph.nodes) n.kind = nodeKinds[String(n.kind).toLowerCase()] ?? n.kind;
  return value;
}

/** The one place that knows the server's routes; every view calls through it. */
export class ApiClient {
  constructor(
    private readonly baseUrl = '',
    private readonly fetchImpl: Fetch = (...a) => fetch(...a),
    private readonly token: () => string | null = getToken,
    private readonly signal?: AbortSignal,
  ) {}

  /** The same client whose requests are aborted with `signal` (a query's, so a query no longer wanted stops its fetch). */
  withSignal(signal: AbortSignal | undefined): ApiClient {
    return signal ? new ApiClient(this.baseUrl, this.fetchImpl, this.token, signal) : this;
  }

  private async request<T>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>, anonymous = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    const t = anonymous ? null : this.token();
    if (t) headers.Authorization = `Bearer ${t}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await this.fetchImpl(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.signal,
    });
    if (headers.Accept === 'text/html' && res.ok) return (await res.text()) as T;
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    if (!res.ok) {
      const message = problemMessage(json) ?? `${method} ${path}: HTTP ${res.status}`;
      if (res.status === 409) throw new ConflictError(res.status, message, json);
      throw new ApiError(res.status, message, json);
    }
    return json as T;
  }

  listDefinitions = () => this.request<DefinitionSummary[]>('GET', '/api/definitions');
  organization = () => this.request<OrganizationDirectory>('GET', '/api/organization');
  createDefinition = async (code: string, name: string, template: string) =>
    normalizeGraph(await this.request<DefinitionDocument>('POST', '/api/definitions', { code, name, template }));
  getDefinition = async (code: string) => normalizeGraph(await this.request<DefinitionDocument>('GET', `/api/definitions/${encodeURIComponent(code)}`));
  validate = async (yaml: string) => normalizeGraph(await this.request<ValidationResult>('POST', '/api/definitions/validate', { yaml }));
  saveDraft = (code: string, yaml: string, baseRevision: string | number) =>
    this.request<{ revision: string | number }>('PUT', `/api/definitions/${encodeURIComponent(code)}/draft`, { yaml, baseRevision });
  publish = (code: string) => this.request<{ version: number }>('POST', `/api/definitions/${encodeURIComponent(code)}/publish`);
  versions = (code: string) => this.request<VersionInfo[]>('GET', `/api/definitions/${encodeURIComponent(code)}/versions`);
  version = async (code: string, v: number) =>
    normalizeGraph(await this.request<{ yaml: string; graph: GraphDto | null }>('GET', `/api/definitions/${encodeURIComponent(code)}/versions/${v}`));
  diff = (code: string, from: number, to: number | 'draft') =>
    this.request<SemanticDiff>('GET', `/api/definitions/${encodeURIComponent(code)}/diff?from=${from}&to=${to}`);
  /** Where every running case of `from` would stand on `to` (nothing is written). */
  planMigration = (code: string, input: MigrationPlanInput) =>
    this.request<MigrationPlan>('POST', `/api/definitions/${encodeURIComponent(code)}/migrations/plan`, input);
  /** Moves the chosen cases, each with the version it was planned on. */
  executeMigration = (code: string, input: MigrationExecuteInput) =>
    this.request<MigrationRun>('POST', `/api/definitions/${encodeURIComponent(code)}/migrations/execute`, input);
  getLayout = async (code: string): Promise<LayoutFile | null> => {
    try {
      const l = await this.request<LayoutFile | null>('GET', `/api/definitions/${encodeURIComponent(code)}/layout`);
      return l && typeof l === 'object' && 'positions' in l ? { version: 1, positions: usablePositions(l.positions) } : null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  };
  putLayout = (code: string, layout: LayoutFile) => this.request<unknown>('PUT', `/api/definitions/${encodeURIComponent(code)}/layout`, layout);
  simulate = async (yaml: string, options: { sample?: string; steps?: SimulationStepInput[]; case?: SimulationCase; clock?: string }) =>
    normalizeSimulation(await this.request<SimulationResponse>('POST', '/api/definitions/simulate', { yaml, ...options }));
  addWorkingTime = (calendar: string, from: string, duration: string) =>
    this.request<{ due: string }>(
      'GET',
      `/api/calendars/${encodeURIComponent(calendar)}/add?from=${encodeURIComponent(from)}&duration=${encodeURIComponent(duration)}`,
    );

  // Operations console: intake window, worklists, supervision, applicant progress.
  /** The published version's model (materials, kinds) the intake window works from. */
  itemModel = async (code: string, version: number) =>
    (await this.request<{ model: ItemModel | null }>('GET', `/api/definitions/${encodeURIComponent(code)}/versions/${version}`)).model;
  startCase = (input: StartCaseInput, idempotencyKey: string) =>
    this.request<StartCaseResult>('POST', '/api/cases', input, { 'Idempotency-Key': idempotencyKey });
  /** Cases the caller may see, of one item or of the items a department takes part in (the dashboard's drill-down). */
  listCases = (filters: { item?: string; department?: string; status?: string; limit?: number }) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, String(v));
    return this.request<CaseListPage>('GET', `/api/cases${q.size ? `?${q}` : ''}`);
  };
  searchCases = (q: string) => this.request<CaseSearchResult>('GET', `/api/cases/search?q=${encodeURIComponent(q)}`);
  getCase = (id: string) => this.request<CaseInfo>('GET', `/api/cases/${encodeURIComponent(id)}`);
  history = (id: string) => this.request<HistoryEntry[]>('GET', `/api/cases/${encodeURIComponent(id)}/history`);
  sendEvent = (id: string, event: string, options: { branch?: string | null; payload?: Record<string, unknown>; channel?: string }, idempotencyKey: string) =>
    this.request<{ case: CaseInfo }>(
      'POST',
      `/api/cases/${encodeURIComponent(id)}/events`,
      { event, branch: options.branch ?? undefined, payload: options.payload, channel: options.channel },
      { 'Idempotency-Key': idempotencyKey },
    );
  /** 电子证照: the window enters an e-certificate that stands in for a material (docs/dsl.md, "E-certificates"). */
  enterCertificate = (
    id: string,
    body: { material: string; type: string; name?: string; identifier: string; issuer: string; trust: 'signed' | 'library' | 'presented' },
    idempotencyKey: string,
  ) => this.request<{ case: CaseInfo }>('POST', `/api/cases/${encodeURIComponent(id)}/certificates`, body, { 'Idempotency-Key': idempotencyKey });
  /** A printable document as HTML (受理回执, 一次性告知书, 容缺受理通知书, 办理结果通知书). */
  document = (id: string, kind: DocumentKind) =>
    this.request<string>('GET', `/api/cases/${encodeURIComponent(id)}/documents/${kind}`, undefined, { Accept: 'text/html' });
  worklist = (options: { view?: 'todo' | 'handled'; item?: string; warning?: string; receipt?: string; page?: number; pageSize?: number } = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(options)) if (v !== undefined && v !== '') q.set(k, String(v));
    return this.request<WorklistPage>('GET', `/api/worklist${q.size ? `?${q}` : ''}`);
  };
  metrics = (from?: string, to?: string) => {
    const q = new URLSearchParams();
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    return this.request<Metrics>('GET', `/api/metrics${q.size ? `?${q}` : ''}`);
  };
  warnedCases = (status: 'running' | 'finished' | 'all' = 'running') => this.request<WarnedCase[]>('GET', `/api/supervision/warnings?status=${status}`);
  tickets = (open?: boolean) => this.request<Ticket[]>('GET', `/api/tickets${open ? '?open=true' : ''}`);
  rectify = (caseId: string, note: string) => this.request<unknown>('POST', `/api/tickets/${encodeURIComponent(caseId)}/rectify`, { note });
  feedback = (caseId: string, note: string, method?: string) =>
    this.request<unknown>('POST', `/api/tickets/${encodeURIComponent(caseId)}/feedback`, method ? { note, method } : { note });
  verifyTicket = (caseId: string, result: 'confirmed' | 'unfounded', note: string) =>
    this.request<unknown>('POST', `/api/tickets/${encodeURIComponent(caseId)}/verify`, { result, note });
  // Personal tasks (docs/api.md, "Personal tasks"); the operations themselves are events (sendEvent).
  myTasks = (view: TaskView, page = 1, pageSize = 50) => this.request<PersonalTaskPage>('GET', `/api/my/tasks?view=${view}&page=${page}&pageSize=${pageSize}`);
  caseTasks = (id: string) => this.request<CaseTasks>('GET', `/api/cases/${encodeURIComponent(id)}/tasks`);
  people = () => this.request<PeopleDepartment[]>('GET', '/api/people');
  me = () => this.request<Me>('GET', '/api/people/me');
  /** 代理: name my deputy for a period, or end it. */
  nameDeputy = (body: { deputy: string; from?: string; until: string }) => this.request<DeputyView>('PUT', '/api/people/me/deputy', body);
  endDeputy = () => this.request<unknown>('DELETE', '/api/people/me/deputy');
  peopleMetrics = () => this.request<PeopleMetrics>('GET', '/api/supervision/people');
  /** The applicant's page: no token is sent, the verification code is the key. */
  progress = (receipt: string, code: string) =>
    this.request<ProgressInfo>('GET', `/api/progress/${encodeURIComponent(receipt)}?code=${encodeURIComponent(code)}`, undefined, undefined, true);
  rate = (receipt: string, code: string, level: number, comment: string, category?: string) =>
    this.request<ProgressInfo>('POST', `/api/progress/${encodeURIComponent(receipt)}/rating`, category ? { code, level, comment, category } : { code, level, comment }, undefined, true);
}

export const api = new ApiClient();
