import { useQuery } from '@tanstack/react-query';
import type { CaseTask } from '../api/peopleTypes';
import { caseTasksQuery } from '../api/peopleQueries';
import { when } from '../console/describe';
import { useI18n } from '../i18n/i18n';
import { signerLabel, signingLabel } from './operations';

/** A case's open personal tasks with their holders, signers and each signer's decision, then the steps people did. */
export function CaseSigners({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const tasks = useQuery(caseTasksQuery(caseId));
  const data = tasks.data;
  if (!data || (data.tasks.length === 0 && data.done.length === 0)) return null;
  return (
    <section className="case-signers" data-testid="case-signers">
      {data.tasks.map((task) => (
        <TaskSigners key={`${task.region}/${task.state}`} task={task} />
      ))}
      {data.done.length > 0 && (
        <table className="grid" data-testid="done-steps">
          <caption>{t('doneStepsTitle')}</caption>
          <thead>
            <tr>
              <th>{t('colStep')}</th>
              <th>{t('colPerson')}</th>
              <th>{t('colDoneAt')}</th>
            </tr>
          </thead>
          <tbody>
            {data.done.map((d) => (
              <tr key={d.sequence} data-state={d.state}>
                <td>
                  {d.title}
                  {d.returned && <span className="tag warn">{t('returnedTag')}</span>}
                </td>
                <td>{d.name ?? d.person}</td>
                <td>{when(d.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TaskSigners({ task }: { task: CaseTask }) {
  const { t } = useI18n();
  const rule = signingLabel(task);
  return (
    <div className="task-signers" data-testid="task-signers" data-state={task.state}>
      <h3>
        {task.title} · {task.departmentName ?? task.department}
        {task.positionName && ` · ${task.positionName}`}
        {rule && <span className="tag" data-testid="signing-rule">{rule}</span>}
      </h3>
      {task.signers.length === 0 ? (
        <p data-testid="task-holder">
          {t('colHolder')}：{task.holderName ?? task.holder ?? t('unclaimed')}
          {task.delegateName && ` → ${task.delegateName}`}
        </p>
      ) : (
        <table className="grid">
          <caption>{t('signersTitle')}</caption>
          <thead>
            <tr>
              <th>{t('opSigner')}</th>
              <th>{t('colSigning')}</th>
              <th>{t('colNote')}</th>
            </tr>
          </thead>
          <tbody>
            {task.signers.map((s, i) => (
              <tr key={i} data-testid="signer" data-decision={s.decision ?? 'pending'}>
                <td>{signerLabel(s)}</td>
                <td className={s.decision === 'refuse' ? 'error' : undefined}>
                  {t(s.decision === 'approve' ? 'decision_approve' : s.decision === 'refuse' ? 'decision_refuse' : 'decision_pending')}
                  {s.at && ` ${when(s.at)}`}
                </td>
                <td>{s.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
