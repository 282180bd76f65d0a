import { getToken } from './auth';

/** The roles the stored token carries (its payload's `role` claim), without checking it: the server decides. */
export function tokenRoles(token: string | null = getToken()): string[] {
  const payload = token?.split('.')[1];
  if (!payload) return [];
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: string | string[] };
    return Array.isArray(json.role) ? json.role : json.role ? [json.role] : [];
  } catch {
    return [];
  }
}

/** Whether the stored token is the auditor's (审计管理员): only they see the audit page. */
export function isAuditor(token: string | null = getToken()): boolean {
  return tokenRoles(token).includes('auditor');
}
