import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api, errorText, type ApiClient } from '../api/client';
import { departmentName, useDirectory } from '../api/directory';
import type { Metrics, Ticket, WarnedCase } from '../api/types';
import { caseListQuery, caseQuery, invalidate, keys, metricsQuery, ticketsQuery, warningsQuery } from '../api/queries';
import { CaseDetail } from '../components/CaseDetail';
import { BarChart, TrendChart, type TrendPoint } from '../components/Charts';
import { scopeLabel, when } from '../console/describe';
import { formatIndicator, formatTarget, indicatorKeys, labelKey, lastWeeks, periodRange, periods, targetStatus, type Period } from '../console/indicators';
import { CommentLimit } from '../console/limits';
import { metricsCsv } from '../console/report';
import { useI18n } from '../i18n/i18n';
import { PeopleWorkload } from '../people/PeopleWorkload';

const weeks = 8;

/** How many warned cases the dashboard lists (red first, running first). */
const WarnedShown = 30;

const noWarned: WarnedCase[] = [];
const noTickets: Ticket[] = [];
const noTrend: TrendPoint[] = [];

/** Cases and the overdue rate of each of the last `count` weeks, one metrics call per week. */
export const trendQuery = (count: number, client: ApiClient = api) =>
  queryOptions({
    queryKey: keys.trend(count),
    queryFn: async ({ signal }) => {
      const weekly = lastWeeks(new Date(), count);
      const perWeek = await Promise.all(weekly.map((p) => client.withSignal(signal).metrics(p.from.toISOString(), p.to.toISOString())));
      return perWeek.map(
        (x, i): TrendPoint => ({
          label: new Date(weekly[i].from.getTime() + 8 * 3600_000).toISOString().slice(5, 10),
          count: x.overall.cases,
          rate: x.overall.overdueCaseRate ?? null,
        }),
      );
    },
  });

/** 监督看板: the programme's indicators against their targets, charts by week, department and item, warnings and bad-rating tickets. */
/** What the supervisor does with a bad-rating ticket: verify it (属实 / 不属实), rectify, or record the follow-up. */
type TicketWork = 'rectify' | 'feedback' | 'confirmed' | 'unfounded';

/** How the follow-up (回访) reached the applicant (GB/T 39734-2020). */
const FeedbackMethods = ['phone', 'sms', 'visit', 'online', 'letter'] as const;

export function Dashboard() {
  const { t, lang } = useI18n();
  const directory = useDirectory({ items: true });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [methods, setMethods] = useState<Record<string, string>>({});
  const [actError, setActError] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>('all');
  const [openedId, setOpenedId] = useState<string | null>(null);
  const [warnedStatus, setWarnedStatus] = useState<'running' | 'all'>('running');
  const [drill, setDrill] = useState<{ kind: 'department' | 'item'; id: string } | null>(null);
  const queryClient = useQueryClient();

  // The indicators and the charts by department and item cover the chosen period (its range is fixed when the period
  // is chosen, so a refetch asks for the same range); the warnings follow their filter; a worked ticket invalidates
  // all three.
  const range = useMemo(() => periodRange(period, new Date()), [period]);
  const metricsAnswer = useQuery(metricsQuery(range?.from.toISOString(), range?.to.toISOString()));
  const metrics = metricsAnswer.data ?? null;
  const warnedAnswer = useQuery(warningsQuery(warnedStatus));
  const warned = warnedAnswer.data ?? noWarned;
  const ticketsAnswer = useQuery(ticketsQuery());
  const tickets = ticketsAnswer.data ?? noTickets;
  // The weekly trend (one metrics call per week) does not follow the period.
  const trendAnswer = useQuery(trendQuery(weeks));
  const trend = trendAnswer.data ?? noTrend;
  const openedAnswer = useQuery({ ...caseQuery(openedId ?? ''), enabled: openedId !== null });
  const drillAnswer = useQuery({ ...caseListQuery(drill ? { [drill.kind]: drill.id } : {}), enabled: drill !== null });
  const opened = openedId !== null ? (openedAnswer.data ?? null) : null;
  const failed = metricsAnswer.error ?? warnedAnswer.error ?? ticketsAnswer.error ?? trendAnswer.error ?? openedAnswer.error ?? drillAnswer.error;
  const chartLabels = { count: t('casesCount'), rate: t('ind_overdueCaseRate') };
  const error = actError ?? (failed ? errorText(failed, lang, t('unauthorized')) : null);

  // Escape closes an opened case, as a drawer should.
  useEffect(() => {
    if (!openedId) return undefined;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setOpenedId(null);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [openedId]);

  /** Opens a case beside the dashboard: where it is, its clock and warnings, the rating and the whole history (masked). */
  function show(caseId: string) {
    setOpenedId(caseId);
  }

  const working = useMutation({
    mutationFn: ({ ticket, what, note }: { ticket: Ticket; what: TicketWork; note: string }) =>
      what === 'rectify'
        ? api.rectify(ticket.caseId, note)
        : what === 'feedback'
          ? api.feedback(ticket.caseId, note, methods[ticket.caseId] || undefined)
          : api.verifyTicket(ticket.caseId, what, note),
    onSuccess: () => invalidate(queryClient, { kind: 'ticketWorked' }),
  });

  async function act(ticket: Ticket, what: TicketWork) {
    const note = notes[ticket.caseId]?.trim();
    if (!note) return setActError(t('reasonRequired'));
    try {
      setActError(null);
      await working.mutateAsync({ ticket, what, note });
    } catch (e) {
      setActError(errorText(e, lang));
    }
  }

  /** The figures on screen as a spreadsheet file named after the page and the period (监督看板-本月-2026-11-26.csv). */
  function download(m: Metrics) {
    const csv = metricsCsv(m, t, { item: (code) => directory.items[code] ?? code, department: (id) => departmentName(directory, id) });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    link.download = `${t('navDashboard')}-${t(`period_${period}`)}-${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  /** Who has the warned case: the branch's or step's department, and for the whole case the departments handling it now. */
  const handlingOf = (w: WarnedCase) => {
    const ids = w.scope === 'case' && (w.handling ?? []).length > 0 ? w.handling! : w.department ? [w.department] : (w.handling ?? []);
    return ids.length ? ids.map((d) => departmentName(directory, d)).join('、') : '—';
  };

  const o = metrics?.overall;
  return (
    <section className="console dashboard-page" data-testid="dashboard-page">
      <h1>{t('navDashboard')}</h1>
      <div className="row">
        <label className="period">
          {t('period')}{' '}
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)} data-testid="dashboard-period">
            {periods.map((p) => (
              <option key={p} value={p}>
                {t(`period_${p}`)}
              </option>
            ))}
          </select>
        </label>
        {metrics && (
          <button type="button" onClick={() => download(metrics)} data-testid="export-report">
            {t('exportReport')}
          </button>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {o && (
        <>
          <p className="note" data-testid="case-totals">
            {t('casesCount')}{t('colon')}<strong data-testid="total-cases">{o.cases}</strong> · {t('casesFinished')}{t('colon')}{o.finished} · {t('badTickets')}{t('colon')}{o.badRatings}
          </p>
          <div className="cards" data-testid="cards">
            {indicatorKeys.map((k) => {
              const target = metrics?.targets?.[k];
              const status = targetStatus(o[k], target);
              return (
                <div key={k} className={`card ${status}`} data-indicator={k} data-status={status} title={t(`inddesc_${k}`)}>
                  <div className="card-label">{t(labelKey(k))}</div>
                  <div className="card-value" data-testid={`ind-${k}`}>
                    {formatIndicator(k, o[k])}
                  </div>
                  {target && <div className="card-target">{t('targetOf', { t: formatTarget(k, target) })}</div>}
                </div>
              );
            })}
          </div>
          <div className="charts">
            <TrendChart points={trend} title={t('trendByWeek')} labels={chartLabels} testId="chart-weeks" />
            <BarChart
              title={t('byDepartment')}
              testId="chart-departments"
              labels={chartLabels}
              bars={Object.entries(metrics!.byDepartment).map(([d, x]) => ({ label: d, name: departmentName(directory, d), value: x.cases, rate: x.overdueCaseRate }))}
              onPick={(id) => setDrill({ kind: 'department', id })}
            />
            <BarChart
              title={t('byItem')}
              testId="chart-items"
              labels={chartLabels}
              bars={Object.entries(metrics!.byItem).map(([d, x]) => ({ label: d, name: directory.items[d], value: x.cases, rate: x.overdueCaseRate }))}
              onPick={(id) => setDrill({ kind: 'item', id })}
            />
          </div>
          {drill && (
            <section className="drill" data-testid="drill-cases" data-kind={drill.kind} data-id={drill.id}>
              <div className="row">
                <h2>
                  {t('drillTitle', { n: drill.kind === 'department' ? departmentName(directory, drill.id) : (directory.items[drill.id] ?? drill.id) })}
                </h2>
                <button type="button" onClick={() => setDrill(null)}>
                  {t('close')}
                </button>
              </div>
              <table className="grid">
                <thead>
                  <tr>
                    <th>{t('colReceipt')}</th>
                    <th>{t('colItem')}</th>
                    <th>{t('caseState')}</th>
                    <th>{t('colUpdated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(drillAnswer.data?.cases ?? []).map((c) => (
                    <tr key={c.caseId} data-receipt={c.caseId}>
                      <td className="mono">
                        <button type="button" className="link mono" onClick={() => show(c.caseId)} data-testid="open-case">
                          {c.caseId}
                        </button>
                      </td>
                      <td>{c.itemName}</td>
                      <td>{t(c.status === 'running' ? 'running' : 'caseFinished')}</td>
                      <td>{when(c.updatedAt)}</td>
                    </tr>
                  ))}
                  {drillAnswer.data && drillAnswer.data.cases.length === 0 && (
                    <tr>
                      <td colSpan={4}>{t('noCases')}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
      <PeopleWorkload />
      <div className="row">
        <h2>{t('warnedCases')}</h2>
        <select value={warnedStatus} onChange={(e) => setWarnedStatus(e.target.value as 'running' | 'all')} data-testid="warned-status" aria-label={t('warnedCases')}>
          <option value="running">{t('warnedRunning')}</option>
          <option value="all">{t('warnedAll')}</option>
        </select>
        <span className="note" data-testid="warned-total">
          {warned.length > WarnedShown ? t('shownOf', { k: WarnedShown, n: warned.length }) : t('tasksTotal', { n: warned.length })}
        </span>
      </div>
      <table className="grid" data-testid="warned">
        <thead>
          <tr>
            <th>{t('colWarning')}</th>
            <th>{t('colReceipt')}</th>
            <th>{t('colItem')}</th>
            <th>{t('scope')}</th>
            <th>{t('departmentOf')}</th>
            <th>{t('caseState')}</th>
          </tr>
        </thead>
        <tbody>
          {warned.slice(0, WarnedShown).map((w) => (
            <tr key={`${w.caseId}/${w.scope}`} className={`warn-${w.level}`} data-status={w.status}>
              <td>
                <span className={`warn-light ${w.level}`} /> {t(`warn_${w.level}`)}
              </td>
              <td className="mono">
                <button type="button" className="link mono" onClick={() => void show(w.caseId)} data-testid="open-case">
                  {w.receipt}
                </button>
              </td>
              <td>{w.itemName}</td>
              <td title={w.scope}>{scopeLabel(w, t)}</td>
              <td title={w.department ?? undefined} data-testid="warned-department">{handlingOf(w)}</td>
              <td>
                <span title={w.mainState}>{w.mainStateTitle ?? w.mainState}</span> {w.status === 'running' && <span className="tag warn">{t('running')}</span>}
              </td>
            </tr>
          ))}
          {warned.length === 0 && (
            <tr>
              <td colSpan={6}>{t('noWarned')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <h2>{t('badTickets')}</h2>
      <table className="grid" data-testid="tickets">
        <thead>
          <tr>
            <th>{t('colReceipt')}</th>
            <th>{t('colItem')}</th>
            <th>{t('colLevel')}</th>
            <th>{t('colComment')}</th>
            <th>{t('colDeadline')}</th>
            <th>{t('colTicketWork')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((k) => (
            <tr key={k.caseId} data-receipt={k.receipt} className={k.overdue ? 'warn-red' : undefined}>
              <td className="mono">
                <button type="button" className="link mono" onClick={() => void show(k.caseId)} data-testid="open-case">
                  {k.receipt}
                </button>
              </td>
              <td>{k.itemName}</td>
              <td>{t(`rate_${k.level}` as 'rate_1')}</td>
              <td>{k.comment}</td>
              <td>
                {k.due ? when(k.due) : '—'} {k.overdue && <span className="tag bad">{t('overdue')}</span>}
              </td>
              <td>
                {k.category && <span className="tag">{k.category}</span>}
                {k.verification && (
                  <span className={`tag ${k.verification === 'confirmed' ? 'bad' : 'ok'}`} data-testid="ticket-verification">
                    {t(`verification_${k.verification}`)}
                  </span>
                )}
                {k.rectified && <span className="tag ok">{t('rectified')}</span>}
                {k.fedBack && <span className="tag ok">{t('fedBack')}</span>}
                {!((k.rectified || k.verification === 'unfounded') && k.fedBack) && (
                  <span className="row">
                    <input
                      data-testid="ticket-note"
                      aria-label={t('note')}
                      maxLength={CommentLimit}
                      placeholder={t('note')}
                      value={notes[k.caseId] ?? ''}
                      onChange={(e) => setNotes((n) => ({ ...n, [k.caseId]: e.target.value }))}
                    />
                    {k.verificationRequired && !k.verification ? (
                      <>
                        <button type="button" data-testid="verify-confirmed" onClick={() => void act(k, 'confirmed')}>
                          {t('verifyConfirmed')}
                        </button>
                        <button type="button" data-testid="verify-unfounded" onClick={() => void act(k, 'unfounded')}>
                          {t('verifyUnfounded')}
                        </button>
                      </>
                    ) : (
                      !k.rectified &&
                      k.verification !== 'unfounded' && (
                        <button type="button" data-testid="rectify" onClick={() => void act(k, 'rectify')}>
                          {t('ev_rectify')}
                        </button>
                      )
                    )}
                    {!k.fedBack && (
                      <>
                        <select
                          data-testid="feedback-method"
                          aria-label={t('feedbackMethod')}
                          value={methods[k.caseId] ?? ''}
                          onChange={(e) => setMethods((m) => ({ ...m, [k.caseId]: e.target.value }))}
                        >
                          <option value="">{t('feedbackMethod')}</option>
                          {FeedbackMethods.map((m) => (
                            <option key={m} value={m}>
                              {t(`feedbackMethod_${m}`)}
                            </option>
                          ))}
                        </select>
                        <button type="button" data-testid="feedback" onClick={() => void act(k, 'feedback')}>
                          {t('ev_feedback')}
                        </button>
                      </>
                    )}
                  </span>
                )}
              </td>
            </tr>
          ))}
          {tickets.length === 0 && (
            <tr>
              <td colSpan={6}>{t('noTickets')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {opened && (
        <aside className="case-drawer task-pane" data-testid="case-pane" aria-label={t('caseDetail')}>
          <div className="row">
            <h2>
              {opened.caseInfo.itemName} · <span className="mono">{opened.caseInfo.receipt}</span>
            </h2>
            <button type="button" onClick={() => setOpenedId(null)}>
              {t('close')}
            </button>
          </div>
          <CaseDetail caseInfo={opened.caseInfo} model={opened.model} history={opened.history} />
        </aside>
      )}
    </section>
  );
}
