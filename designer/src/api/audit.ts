import { ApiError, problemMessage } from './client';
import { getToken } from './auth';
export { isAuditor, tokenRoles } from './roles';
import type { components, operations } from './schema';

/** One entry of the operations audit (安全审计). */
export type OperationEntry = components['schemas']['OperationView'];
export type OperationsPage = components['schemas']['OperationsPage'];

/** The auditor's filters: the list's query as the server's contract has it, without the export format; empty strings are left out. */
export type AuditFilters = Omit<NonNullable<operations['listOperations']['parameters']['query']>, 'format'>;

export const operationKinds = [
  'definition-create',
  'definition-draft',
  'definition-layout',
  'definition-publish',
  'definitions-import',
  'definitions-export',
  'migration-plan',
  'migration-execute',
  'token-issue',
  'settings-change',
  'deputy-name',
  'deputy-end',
  'document-export',
  'metrics-export',
  'audit-export',
  'authentication',
  'authorization',
] as const;

export const operationResults = ['success', 'failure', 'denied', 'unauthenticated'] as const;

/** The query string of the filters (`?actor=…&result=…`). */
export function auditQuery(filters: AuditFilters, format?: 'csv'): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === '') continue;
    params.set(name, String(value));
  }
  if (format) params.set('format', format);
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function fetchAudit(query: string, signal?: AbortSignal): Promise<Response> {
  const token = getToken();
  const res = await fetch('/api/audit/operations' + query, {
    headers: { Accept: query.includes('format=csv') ? 'text/csv' : 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    signal,
  });
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, problemMessage(body) ?? `GET /api/audit/operations: HTTP ${res.status}`, body);
  }
  return res;
}

/** A page of the audit, newest first. */
export async function listOperations(filters: AuditFilters, signal?: AbortSignal): Promise<OperationsPage> {
  return (await (await fetchAudit(auditQuery(filters), signal)).json()) as OperationsPage;
}

/** Every entry the filters match, as the server's CSV (the export is itself recorded). */
export async function operationsCsv(filters: AuditFilters): Promise<string> {
  const { before: _before, limit: _limit, ...rest } = filters;
  return (await fetchAudit(auditQuery(rest, 'csv'))).text();
}
