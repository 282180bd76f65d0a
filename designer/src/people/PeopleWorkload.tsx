import { useQuery } from '@tanstack/react-query';
import { errorText } from '../api/client';
import type { PeopleMetric } from '../api/peopleTypes';
import { peopleMetricsQuery, peopleQuery } from '../api/peopleQueries';
import { useI18n } from '../i18n/i18n';
import { workloadRows } from './workload';

/** The supervisor's table of workload per person and per position (GET /api/supervision/people). */
export function PeopleWorkload() {
  const { t, lang } = useI18n();
  const answer = useQuery(peopleMetricsQuery());
  const directory = useQuery(peopleQuery()).data ?? [];
  if (answer.error) return <p className="error">{errorText(answer.error, lang, t('unauthorized'))}</p>;
  const m = answer.data;
  if (!m || (m.people.length === 0 && m.positions.length === 0)) return null;
  const table = (rows: PeopleMetric[], head: string, testId: string) => (
    <table className="grid" data-testid={testId}>
      <caption>
        {t('peopleMetricsTitle')} · {head}
      </caption>
      <thead>
        <tr>
          <th>{head}</th>
          <th>{t('department')}</th>
          <th>{t('colOpenTasks')}</th>
          <th>{t('colDoneTasks')}</th>
          <th>{t('colAvgHours')}</th>
          <th>{t('colReturnRate')}</th>
          <th>{t('colTransfers')}</th>
          <th>{t('colUrged')}</th>
        </tr>
      </thead>
      <tbody>
        {workloadRows(rows, directory).map((r) => (
          <tr key={`${r.department}/${r.key}`} data-key={r.key}>
            <td>{r.name}</td>
            <td>{r.departmentName}</td>
            <td data-testid="open">{r.openTasks}</td>
            <td data-testid="done">{r.done}</td>
            <td>{r.average}</td>
            <td>{r.returnRate}</td>
            <td data-testid="transfers">{r.transfers}</td>
            <td>{r.urged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="people-workload" data-testid="people-workload">
      <h2>{t('peopleMetricsTitle')}</h2>
      {table(m.people, t('colPerson'), 'people-metrics')}
      {table(m.positions, t('colPosition'), 'position-metrics')}
    </section>
  );
}
