import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../api/client';
import type { PersonalTask, TaskView } from '../api/peopleTypes';
import { meQuery, myTasksQuery, peopleKeys, peopleQuery } from '../api/peopleQueries';
import { when } from '../console/describe';
import { Tabs } from '../components/Tabs';
import { RemainingCell, WarningLights } from '../components/WarningLights';
import { useI18n } from '../i18n/i18n';
import { CaseSigners } from '../people/CaseSigners';
import { DeputyPanel } from '../people/DeputyPanel';
import { previousHolders, rowOperations, signingLabel } from '../people/operations';
import { TaskOperations } from '../people/TaskOperations';

const views: TaskView[] = ['pool', 'mine', 'done', 'copied', 'delegated'];

/** A row's identity in its list (a case may have several open tasks, a person several done steps). */
export function rowKey(row: PersonalTask): string {
  return `${row.caseId}/${row.task?.region ?? ''}/${row.task?.state ?? row.done?.sequence ?? row.copy?.at ?? ''}`;
}

/** 我的任务: the personal worklists as tabs; open a row to act on it and see the step's signers. */
export function MyTasks() {
  const { t, lang } = useI18n();
  const [view, setView] = useState<TaskView>('mine');
  const [openedKey, setOpenedKey] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const list = useQuery({ ...myTasksQuery(view), placeholderData: keepPreviousData });
  const me = useQuery(meQuery());
  const directory = useQuery(peopleQuery()).data ?? [];
  const rows = list.data?.view === view ? list.data.tasks : null;
  const opened = rows?.find((r) => rowKey(r) === openedKey) ?? null;
  const failed = list.error ?? me.error;
  const error = failed ? errorText(failed, lang, t('unauthorized')) : null;

  return (
    <section className="console my-tasks-page" data-testid="my-tasks-page">
      <h1>
        {t('tasksTitle')}
        {me.data && <span className="note" data-testid="me"> · {me.data.name ?? me.data.id}</span>}
      </h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <DeputyPanel />
      <Tabs
        label={t('tasksTitle')}
        views={views}
        current={view}
        testId={(v) => `tab-${v}`}
        onSelect={(v) => {
          // Choosing a tab asks again: other people claim, hand on and finish tasks meanwhile.
          void queryClient.invalidateQueries({ queryKey: peopleKeys.myTasks(v) });
          setView(v);
          setOpenedKey(null);
        }}
      >
        {(v) => (
          <>
            {t(`tab_${v}`)}
            {view === v && list.data?.view === v && ` (${list.data.total})`}
          </>
        )}
      </Tabs>
      <div className="split" role="tabpanel" aria-label={t(`tab_${view}`)}>
        <table className="grid tasks" data-testid="personal-tasks">
          <thead>
            <tr>
              <th>{t('colWarning')}</th>
              <th>{t('colReceipt')}</th>
              <th>{t('colItem')}</th>
              <th>{t('colStep')}</th>
              <th>{view === 'done' ? t('colDoneAt') : view === 'copied' ? t('colCopyFrom') : t('colHolder')}</th>
              <th>{t('colPrevious')}</th>
              <th>{t('colRemaining')}</th>
              <th>{t('colCaseRemaining')}</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map((row) => {
              const key = rowKey(row);
              const task = row.task;
              return (
                <tr
                  key={key}
                  data-receipt={row.receipt}
                  data-state={task?.state ?? row.done?.state ?? ''}
                  className={`warn-${row.warning} ${openedKey === key ? 'selected' : ''}`}
                  tabIndex={0}
                  onClick={() => setOpenedKey(key)}
                  onKeyDown={(e) => e.key === 'Enter' && setOpenedKey(key)}
                >
                  <td>
                    <WarningLights warning={row.warning} caseWarning={row.caseWarning} />
                    {row.warnings.map((w) => (
                      <span key={`${w.scope}/${w.at}`} className={`tag ${w.level === 'red' ? 'bad' : 'warn'}`} title={when(w.at)}>
                        {w.scopeTitle ?? w.scope}
                      </span>
                    ))}
                  </td>
                  <td className="mono">{row.receipt}</td>
                  <td>{row.itemName}</td>
                  <td>
                    {task?.title ?? row.done?.title ?? row.mainState}
                    {task && signingLabel(task) && <span className="tag">{signingLabel(task)}</span>}
                    {row.onBehalfOf && <span className="tag warn">{t('onBehalfOf', { p: row.onBehalfOf })}</span>}
                  </td>
                  <td data-testid="row-holder">
                    {view === 'done' && row.done
                      ? when(row.done.at)
                      : view === 'copied' && row.copy
                        ? (row.copy.by ?? '—')
                        : task
                          ? (task.holderName ?? task.holder ?? t('unclaimed')) + (task.delegateName ? ` → ${task.delegateName}` : '')
                          : '—'}
                  </td>
                  <td data-testid="row-previous">{task ? previousHolders(directory, task).join('、') || '—' : '—'}</td>
                  <RemainingCell hours={row.remainingHours} due={row.due} />
                  <RemainingCell hours={row.caseRemainingHours} />
                </tr>
              );
            })}
            {rows && rows.length === 0 && (
              <tr>
                <td colSpan={8} data-testid="no-personal-tasks">
                  {t('noPersonalTasks')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {opened && (
          <aside className="task-pane" data-testid="personal-task-pane" aria-label={opened.receipt}>
            <div className="row">
              <h2>
                {opened.itemName} · {opened.task?.title ?? opened.done?.title ?? opened.mainState}
              </h2>
              <button type="button" onClick={() => setOpenedKey(null)}>
                {t('close')}
              </button>
            </div>
            {opened.copy?.note && <p>{opened.copy.note}</p>}
            <TaskOperations key={rowKey(opened)} caseId={opened.caseId} task={opened.task ?? null} permitted={rowOperations(opened)} directory={directory} />
            <CaseSigners caseId={opened.caseId} />
          </aside>
        )}
      </div>
    </section>
  );
}
