import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../api/client';
import { isAuditor, listOperations, operationKinds, operationResults, operationsCsv, type AuditFilters, type OperationEntry } from '../api/audit';
import { labelOf, useI18n } from '../i18n/i18n';

const PageSize = 50;

/** The start of a day in Beijing time, or of the next day (`to` is exclusive), as the server takes it. */
export function dayBound(date: string, next = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const start = new Date(`${date}T00:00:00+08:00`);
  if (next) start.setUTCDate(start.getUTCDate() + 1);
  return start.toISOString();
}

/** What an entry's detail says in one line: the request, its status and the reason of a refusal. */
export function detailLine(detail: string): string {
  try {
    const d = JSON.parse(detail) as Record<string, unknown>;
    const parts = [d.method && d.path ? `${String(d.method)} ${String(d.path)}` : '', d.status ? `→ ${String(d.status)}` : '', d.reason ? String(d.reason) : ''];
    if (Array.isArray(d.changed)) parts.push((d.changed as unknown[]).join(', '));
    if (Array.isArray(d.issuedRoles)) parts.push((d.issuedRoles as unknown[]).join(', '));
    return parts.filter(Boolean).join(' ');
  } catch {
    return detail;
  }
}

/** 操作审计: the operations audit for the auditor (审计管理员) alone — search, filter, page, CSV. */
export function Audit() {
  const { t, lang } = useI18n();
  const auditor = isAuditor();
  const [actor, setActor] = useState('');
  const [operation, setOperation] = useState('');
  const [result, setResult] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [q, setQ] = useState('');
  // The `before` cursor of each page shown so far: page n starts before cursors[n - 1].
  const [cursors, setCursors] = useState<number[]>([]);
  const [exportError, setExportError] = useState<string | null>(null);

  const filters: AuditFilters = {
    actor: actor.trim() || undefined,
    operation: operation || undefined,
    result: result || undefined,
    from: dayBound(from),
    to: dayBound(to, true),
    q: q.trim() || undefined,
  };
  const page = cursors.length;
  const list = useQuery({
    queryKey: ['audit', 'operations', filters, cursors[page - 1] ?? null],
    queryFn: ({ signal }) => listOperations({ ...filters, before: cursors[page - 1], limit: PageSize }, signal),
    enabled: auditor,
    placeholderData: keepPreviousData,
  });
  const narrowed = (set: (value: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setCursors([]);
  };

  if (!auditor) {
    return (
      <section className="console audit-page" data-testid="audit-page">
        <h1>{t('auditTitle')}</h1>
        <p className="error" role="alert" data-testid="audit-refused">
          {t('auditOnlyAuditor')}
        </p>
      </section>
    );
  }

  const exportCsv = async () => {
    setExportError(null);
    try {
      const csv = await operationsCsv(filters);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob(['\ufeff' + csv], { type: 'text/csv;charset=utf-8' }));
      link.download = `${t('auditTitle')}-${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setExportError(errorText(e, lang, t('unauthorized')));
    }
  };

  const rows: OperationEntry[] = list.data?.operations ?? [];
  const error = list.error ? errorText(list.error, lang, t('unauthorized')) : exportError;
  const time = (at: string) => new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });

  return (
    <section className="console audit-page" data-testid="audit-page">
      <h1>{t('auditTitle')}</h1>
      <p>{t('auditIntro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form className="row" role="search" aria-label={t('auditFilters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('auditActor')} <input value={actor} onChange={narrowed(setActor)} data-testid="audit-actor" />
        </label>
        <label>
          {t('auditOperation')}{' '}
          <select value={operation} onChange={narrowed(setOperation)} data-testid="audit-operation">
            <option value="">{t('auditAll')}</option>
            {operationKinds.map((k) => (
              <option key={k} value={k}>
                {labelOf(t, 'op', k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auditResult')}{' '}
          <select value={result} onChange={narrowed(setResult)} data-testid="audit-result">
            <option value="">{t('auditAll')}</option>
            {operationResults.map((r) => (
              <option key={r} value={r}>
                {labelOf(t, 'res', r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auditFrom')} <input type="date" value={from} onChange={narrowed(setFrom)} data-testid="audit-from" />
        </label>
        <label>
          {t('auditTo')} <input type="date" value={to} onChange={narrowed(setTo)} data-testid="audit-to" />
        </label>
        <label>
          {t('auditText')} <input value={q} onChange={narrowed(setQ)} data-testid="audit-text" />
        </label>
        <button type="button" onClick={() => void exportCsv()} data-testid="audit-export">
          {t('auditExport')}
        </button>
      </form>
      <p data-testid="audit-total">{t('auditTotal', { n: list.data?.total ?? 0 })}</p>
      <table className="grid" data-testid="audit-table" aria-label={t('auditTitle')}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('auditTime')}</th>
            <th scope="col">{t('auditActor')}</th>
            <th scope="col">{t('auditRoles')}</th>
            <th scope="col">{t('auditAddress')}</th>
            <th scope="col">{t('auditOperation')}</th>
            <th scope="col">{t('auditTarget')}</th>
            <th scope="col">{t('auditResult')}</th>
            <th scope="col">{t('auditDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <tr key={o.sequence} data-testid="audit-row" data-result={o.result} data-operation={o.operation}>
              <td>{o.sequence}</td>
              <td>{time(o.at)}</td>
              <td data-testid="audit-row-actor">{o.actor}</td>
              <td>{o.roles}</td>
              <td>{o.address}</td>
              <td>{labelOf(t, 'op', o.operation)}</td>
              <td>{o.target}</td>
              <td>{labelOf(t, 'res', o.result)}</td>
              <td>{detailLine(o.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" disabled={page === 0} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="audit-previous">
          {t('auditPrevious')}
        </button>
        <button
          type="button"
          disabled={list.data?.next == null}
          onClick={() => list.data?.next != null && setCursors((c) => [...c, list.data!.next as number])}
          data-testid="audit-next"
        >
          {t('auditNext')}
        </button>
      </div>
    </section>
  );
}
