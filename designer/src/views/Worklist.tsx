import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorText } from '../api/client';
import { departmentName, useDirectory } from '../api/directory';
import type { WorkTask } from '../api/types';
import { caseQuery, worklistQuery } from '../api/queries';
import { meQuery } from '../api/peopleQueries';
import { CaseActions } from '../components/CaseActions';
import { CaseDetail } from '../components/CaseDetail';
import { Tabs } from '../components/Tabs';
import { RemainingCell, WarningLights } from '../components/WarningLights';
import { when } from '../console/describe';
import { blockedReason } from '../console/blocked';
import { eventKey } from '../console/events';
import type { OpenedCase } from '../console/openCase';
import { useI18n } from '../i18n/i18n';

interface Opened extends OpenedCase {
  task: WorkTask;
}

/** Tasks per page of the worklist. */
const PageSize = 50;

/** How many pages of <size> tasks <total> tasks fill (at least one). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** 部门工作台: the tasks waiting on my department, most urgent first; open one to see the case and act on it. */
export function Worklist() {
  const { t, lang } = useI18n();
  const directory = useDirectory({ items: true });
  const [warning, setWarning] = useState('');
  const [item, setItem] = useState('');
  const [receipt, setReceipt] = useState('');
  const [page, setPage] = useState(1);
  const [view, setView] = useState<'todo' | 'handled'>('todo');
  const [openedTask, setOpenedTask] = useState<WorkTask | null>(null);
  // Who the token is: the departments the page is for, named even when nothing waits on them.
  const me = useQuery(meQuery());

  // The page of tasks for the filters; the previous page stays on screen while the next one loads. Sending an event
  // on a case invalidates it, so the list follows the work done on it.
  const list = useQuery({
    ...worklistQuery({ view, warning: (view === 'todo' && warning) || undefined, item: item || undefined, receipt: receipt.trim() || undefined, page, pageSize: PageSize }),
    placeholderData: keepPreviousData,
  });
  const tasks = list.data?.tasks ?? null;
  const total = list.data?.total ?? 0;
  const openedCase = useQuery({ ...caseQuery(openedTask?.caseId ?? ''), enabled: openedTask !== null });
  const opened: Opened | null = openedTask && openedCase.data ? { task: openedTask, ...openedCase.data } : null;
  const failed = list.error ?? openedCase.error;
  const error = failed ? errorText(failed, lang, t('unauthorized')) : null;
  const pages = pageCount(total, PageSize);
  // A filter changed: back to the first page of what it leaves.
  const narrowed = (set: (value: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setPage(1);
  };
  // A page emptied by the work done on it goes back to the last page there is.
  useEffect(() => {
    if (page > pages) setPage(pages);
  }, [page, pages]);

  const open = (task: WorkTask) => setOpenedTask(task);

  const departments =
    [...new Set([...(me.data?.departments ?? []), ...(tasks ?? []).map((x) => x.department)])].map((d) => departmentName(directory, d)).join('、') || '—';
  const eventLabel = (event: string) => {
    const s = t(eventKey(event));
    return s === eventKey(event) ? event : s;
  };
  const handled = view === 'handled';
  // The task's own events, and the case-level ones a department may send (special procedures) on the main region.
  const permittedFor = (o: Opened) => [
    ...o.caseInfo.permitted.filter((p) => p.region === o.task.region),
    ...o.caseInfo.permitted.filter((p) => p.region === 'main' && p.region !== o.task.region && p.event.startsWith('procedure-')),
  ];

  return (
    <section className="console worklist-page" data-testid="worklist-page">
      <h1 data-testid="worklist-title">{t('worklistTitle', { d: departments })}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Tabs
        label={t('worklistTitle', { d: departments })}
        views={['todo', 'handled'] as const}
        current={view}
        testId={(v) => `worklist-tab-${v}`}
        onSelect={(v) => {
          setView(v);
          setPage(1);
          setOpenedTask(null);
        }}
      >
        {(v) => t(v === 'todo' ? 'worklistTodo' : 'worklistHandled')}
      </Tabs>
      <div className="row">
        {!handled && (
        <label>
          {t('colWarning')}{' '}
          <select value={warning} onChange={narrowed(setWarning)} data-testid="warning-filter">
            <option value="">{t('allDepartments')}</option>
            <option value="red">{t('warn_red')}</option>
            <option value="yellow">{t('warn_yellow')}</option>
            <option value="none">{t('warn_none')}</option>
          </select>
        </label>
        )}
        <label>
          {t('colItem')}{' '}
          <select value={item} onChange={narrowed(setItem)} data-testid="item-filter">
            <option value="">{t('allDepartments')}</option>
            {Object.entries(directory.items)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
          </select>
        </label>
        <input type="search" aria-label={t('colReceipt')} placeholder={t('colReceipt')} value={receipt} onChange={narrowed(setReceipt)} data-testid="receipt-filter" />
        <span className="note" data-testid="tasks-total">
          {t('tasksTotal', { n: total })}
        </span>
        {pages > 1 && (
          <span className="pager" data-testid="pager">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('pagePrevious')}
            </button>{' '}
            {t('pageOf', { p: Math.min(page, pages), n: pages })}{' '}
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('pageNext')}
            </button>
          </span>
        )}
      </div>
      <div className="split">
        <table className="grid tasks" data-testid="tasks">
          <thead>
            <tr>
              <th>{handled ? t('colHandledAt') : t('colWarning')}</th>
              <th>{t('colReceipt')}</th>
              <th>{t('colItem')}</th>
              <th>{t('colStep')}</th>
              <th>{handled ? t('colDecision') : t('colDue')}</th>
              {!handled && <th>{t('colRemaining')}</th>}
            </tr>
          </thead>
          <tbody>
            {(tasks ?? []).map((task) => (
              <tr
                key={`${task.caseId}/${task.region}/${task.state}`}
                data-receipt={task.receipt}
                data-department={task.department}
                className={`warn-${task.warning} ${openedTask?.caseId === task.caseId && openedTask.region === task.region ? 'selected' : ''}`}
                tabIndex={0}
                onClick={() => open(task)}
                onKeyDown={(e) => e.key === 'Enter' && open(task)}
              >
                <td>{handled ? (task.handledAt ? when(task.handledAt) : '—') : <WarningLights warning={task.warning} caseWarning={task.caseWarning} />}</td>
                <td className="mono">{task.receipt}</td>
                <td>{task.itemName}</td>
                <td>{task.title}</td>
                {handled ? <td data-testid="handled-decision">{task.decision ? eventLabel(task.decision) : '—'}</td> : <td>{task.due ? when(task.due) : '—'}</td>}
                {!handled && <RemainingCell hours={task.remainingHours} />}
              </tr>
            ))}
            {tasks && tasks.length === 0 && (
              <tr>
                <td colSpan={6} data-testid="no-tasks">
                  {t(handled ? 'noHandled' : 'noTasks')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {opened && (
          <aside className="task-pane" data-testid="task-pane">
            <div className="row">
              <h2>
                {opened.task.itemName} · {opened.task.title}
              </h2>
              <button type="button" onClick={() => setOpenedTask(null)}>
                {t('close')}
              </button>
            </div>
            {!handled && blockedReason(opened.caseInfo, permittedFor(opened), opened.model, t) && (
              <p className="banner warn" data-testid="task-blocked">
                {blockedReason(opened.caseInfo, permittedFor(opened), opened.model, t)}
              </p>
            )}
            {!handled && <CaseActions caseInfo={opened.caseInfo} permitted={permittedFor(opened)} model={opened.model} confirmAll />}
            <CaseDetail caseInfo={opened.caseInfo} model={opened.model} history={opened.history} />
          </aside>
        )}
      </div>
    </section>
  );
}
