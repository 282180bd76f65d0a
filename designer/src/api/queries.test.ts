import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './client';
import { caseQuery, createQueryClient, definitionsQuery, invalidate, invalidatedBy, keys, progressQuery, worklistQuery } from './queries';

/** A fetch that records each request and answers from `answer` (or never, while `hold` is set, until aborted). */
function fakeServer(answer: (url: string) => { status: number; body: unknown }, hold = false) {
  const calls: { url: string; signal: AbortSignal | null | undefined }[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const url = String(input);
    calls.push({ url, signal: init?.signal });
    if (hold) {
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    const a = answer(url);
    return Promise.resolve(new Response(JSON.stringify(a.body), { status: a.status }));
  };
  return { calls, client: new ApiClient('', fetchImpl, () => 'token') };
}

const worklistPage = { tasks: [], total: 0, page: 1, pageSize: 50 };

describe('queries', () => {
  it('pass the query signal to fetch, and cancelling the query aborts the request', async () => {
    const server = fakeServer(() => ({ status: 200, body: worklistPage }), true);
    const qc = createQueryClient();
    const pending = qc.fetchQuery(worklistQuery({ page: 1 }, server.client)).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 0));
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].url).toBe('/api/worklist?page=1');
    const signal = server.calls[0].signal!;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    await qc.cancelQueries({ queryKey: ['worklist'] });
    expect(signal.aborted).toBe(true);
    await pending;
  });

  it('share one request between the pages asking for the same data while it is fresh', async () => {
    const server = fakeServer(() => ({ status: 200, body: [{ code: 'QYKB', name: '企业开办' }] }));
    const qc = createQueryClient();
    await qc.fetchQuery(definitionsQuery(server.client));
    await qc.fetchQuery(definitionsQuery(server.client));
    expect(server.calls).toHaveLength(1);
  });

  it('do not retry a refusal: a wrong verification code is answered once', async () => {
    const server = fakeServer(() => ({ status: 404, body: { title: 'not found' } }));
    const qc = createQueryClient();
    const e = await qc.fetchQuery(progressQuery('R1', '000000', server.client)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
    expect(server.calls).toHaveLength(1);
  });

  it('load a case with its history and the model of the version it runs on', async () => {
    const server = fakeServer((url) => {
      if (url === '/api/cases/C1') return { status: 200, body: { caseId: 'C1', definitionId: 'QYKB@2' } };
      if (url === '/api/cases/C1/history') return { status: 200, body: [{ type: 'started' }] };
      if (url === '/api/definitions/QYKB/versions/2') return { status: 200, body: { model: { materials: [] } } };
      return { status: 404, body: null };
    });
    const opened = await createQueryClient().fetchQuery(caseQuery('C1', server.client));
    expect(opened.caseInfo.caseId).toBe('C1');
    expect(opened.history).toHaveLength(1);
    expect(opened.model).toEqual({ materials: [] });
    expect(server.calls.every((c) => c.signal instanceof AbortSignal)).toBe(true);
  });
});

describe('invalidation after changes', () => {
  it('an event sent on a case makes the case, the worklist and the supervision figures stale, not the catalog', async () => {
    const qc = createQueryClient();
    for (const key of [keys.case('C1'), keys.case('C2'), keys.worklist({ page: 1 }), keys.metrics(), keys.warnings('running'), keys.tickets, keys.definitions]) {
      qc.setQueryData(key, {});
    }
    await invalidate(qc, { kind: 'eventSent', caseId: 'C1' });
    const stale = (key: readonly unknown[]) => qc.getQueryState(key)!.isInvalidated;
    expect(stale(keys.case('C1'))).toBe(true);
    expect(stale(keys.worklist({ page: 1 }))).toBe(true);
    expect(stale(keys.metrics())).toBe(true);
    expect(stale(keys.warnings('running'))).toBe(true);
    expect(stale(keys.tickets)).toBe(true);
    expect(stale(keys.case('C2'))).toBe(false);
    expect(stale(keys.definitions)).toBe(false);
  });

  it('publishing makes the catalog and that item’s versions stale; a saved draft its diff against the draft', async () => {
    const qc = createQueryClient();
    for (const key of [keys.definitions, keys.versions('A'), keys.versions('B'), keys.diff('A', 1, 'draft'), keys.version('A', 1)]) qc.setQueryData(key, {});
    await invalidate(qc, { kind: 'published', code: 'A' });
    expect(qc.getQueryState(keys.definitions)!.isInvalidated).toBe(true);
    expect(qc.getQueryState(keys.versions('A'))!.isInvalidated).toBe(true);
    expect(qc.getQueryState(keys.versions('B'))!.isInvalidated).toBe(false);
    expect(qc.getQueryState(keys.version('A', 1))!.isInvalidated).toBe(false);
    expect(invalidatedBy({ kind: 'draftSaved', code: 'A' })).toContainEqual(['definitions', 'A', 'diff']);
  });

  it('every change names something to refresh', () => {
    const changes = [
      { kind: 'definitionCreated' },
      { kind: 'draftSaved', code: 'A' },
      { kind: 'published', code: 'A' },
      { kind: 'caseStarted' },
      { kind: 'eventSent', caseId: 'C1' },
      { kind: 'ticketWorked' },
      { kind: 'rated' },
    ] as const;
    for (const c of changes) expect(invalidatedBy(c).length).toBeGreaterThan(0);
  });
});
