import { describe, expect, it } from 'vitest';
import { auditQuery, isAuditor, tokenRoles } from './audit';
import { dayBound, detailLine } from '../views/Audit';

const token = (payload: object) => `x.${btoa(JSON.stringify(payload)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.y`;

describe('the operations audit page', () => {
  it('reads the roles of the stored token, one or several', () => {
    expect(tokenRoles(token({ sub: 'a', role: 'auditor' }))).toEqual(['auditor']);
    expect(tokenRoles(token({ sub: 'a', role: ['window', 'department:tax'] }))).toEqual(['window', 'department:tax']);
    expect(tokenRoles('not a token')).toEqual([]);
    expect(isAuditor(token({ role: 'auditor' }))).toBe(true);
    expect(isAuditor(token({ role: 'admin' }))).toBe(false);
    expect(isAuditor(null)).toBe(false);
  });

  it('sends only the filters that are set, and csv when exporting', () => {
    expect(auditQuery({ actor: 'li-si', result: '', before: 12, limit: 50 })).toBe('?actor=li-si&before=12&limit=50');
    expect(auditQuery({}, 'csv')).toBe('?format=csv');
  });

  it('takes whole days in Beijing time, the end day included', () => {
    expect(dayBound('2026-12-07')).toBe('2026-12-06T16:00:00.000Z');
    expect(dayBound('2026-12-07', true)).toBe('2026-12-07T16:00:00.000Z');
    expect(dayBound('')).toBeUndefined();
  });

  it('says in one line what an entry records', () => {
    expect(detailLine('{"method":"POST","path":"/api/definitions/export","status":403,"attempted":"exportDefinitions"}')).toBe('POST /api/definitions/export → 403');
    expect(detailLine('{"method":"GET","path":"/api/cases","status":401,"reason":"no bearer token"}')).toBe('GET /api/cases → 401 no bearer token');
    expect(detailLine('not json')).toBe('not json');
  });
});
