import { getToken } from './auth';
import type {
  DefinitionDocument,
  DefinitionSummary,
  Diagnostic,
  GraphDto,
  LayoutFile,
  SemanticDiff,
  SimulationResult,
  SimulationStepInput,
  ValidationResult,
  VersionInfo,
} from './types';

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

/** The one place that knows the server's routes; every view calls through it. */
export class ApiClient {
  constructor(
    private readonly baseUrl = '',
    private readonly fetchImpl: Fetch = (...a) => fetch(...a),
    private readonly token: () => string | null = getToken,
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const t = this.token();
    if (t) headers.Authorization = `Bearer ${t}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await this.fetchImpl(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    if (!res.ok) {
      const p = json as { title?: string; detail?: string } | null;
      const message = p?.detail ?? p?.title ?? `${method} ${path}: HTTP ${res.status}`;
      if (res.status === 409) throw new ConflictError(res.status, message, json);
      throw new ApiError(res.status, message, json);
    }
    return json as T;
  }

  listDefinitions = () => this.request<DefinitionSummary[]>('GET', '/api/definitions');
  createDefinition = (code: string, name: string, template: string) =>
    this.request<DefinitionDocument>('POST', '/api/definitions', { code, name, template });
  getDefinition = (code: string) => this.request<DefinitionDocument>('GET', `/api/definitions/${encodeURIComponent(code)}`);
  validate = (yaml: string) => this.request<ValidationResult>('POST', '/api/definitions/validate', { yaml });
  saveDraft = (code: string, yaml: string, baseRevision: string | number) =>
    this.request<{ revision: string | number }>('PUT', `/api/definitions/${encodeURIComponent(code)}/draft`, { yaml, baseRevision });
  publish = (code: string) => this.request<{ version: number }>('POST', `/api/definitions/${encodeURIComponent(code)}/publish`);
  versions = (code: string) => this.request<VersionInfo[]>('GET', `/api/definitions/${encodeURIComponent(code)}/versions`);
  version = (code: string, v: number) =>
    this.request<{ yaml: string; graph: GraphDto | null }>('GET', `/api/definitions/${encodeURIComponent(code)}/versions/${v}`);
  diff = (code: string, from: number, to: number | 'draft') =>
    this.request<SemanticDiff>('GET', `/api/definitions/${encodeURIComponent(code)}/diff?from=${from}&to=${to}`);
  getLayout = async (code: string): Promise<LayoutFile | null> => {
    try {
      const l = await this.request<LayoutFile | null>('GET', `/api/definitions/${encodeURIComponent(code)}/layout`);
      return l && typeof l === 'object' && 'positions' in l ? l : null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  };
  putLayout = (code: string, layout: LayoutFile) => this.request<unknown>('PUT', `/api/definitions/${encodeURIComponent(code)}/layout`, layout);
  simulate = (yaml: string, options: { sample?: string; steps?: SimulationStepInput[]; clock?: string }) =>
    this.request<SimulationResult>('POST', '/api/definitions/simulate', { yaml, ...options });
  addWorkingTime = (calendar: string, from: string, duration: string) =>
    this.request<{ due: string }>(
      'GET',
      `/api/calendars/${encodeURIComponent(calendar)}/add?from=${encodeURIComponent(from)}&duration=${encodeURIComponent(duration)}`,
    );
}

export const api = new ApiClient();
