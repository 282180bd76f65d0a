import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client';
import { meQuery, peopleKeys, peopleQuery } from '../api/peopleQueries';
import { useI18n } from '../i18n/i18n';
import { dayOf, deputyBody, deputyCandidates, deputyProblem, isCurrent, lastDayOf, personName, type DeputyInput } from './deputy';

/**
 * 代理: who acts for me while I am away, named or ended here; and whom I act for now. A named deputy sees my tasks in
 * their own lists; what they do is recorded as theirs on my behalf.
 */
export function DeputyPanel() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery()).data;
  const directory = useQuery(peopleQuery()).data ?? [];
  const [input, setInput] = useState<DeputyInput>({ deputy: '', from: '', until: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: peopleKeys.me }), queryClient.invalidateQueries({ queryKey: ['worklist'] })]);
  const naming = useMutation({ mutationFn: () => api.nameDeputy(deputyBody(input)), onSuccess: refresh });
  const ending = useMutation({ mutationFn: () => api.endDeputy(), onSuccess: refresh });
  if (!me) return null;

  const now = new Date();
  const current = isCurrent(me.deputy, now) ? me.deputy : null;
  const failed = naming.error ?? ending.error;
  const shown = problem ?? (failed ? errorText(failed, lang) : null);
  const candidates = deputyCandidates(directory, me);

  return (
    <details className="deputy-panel" data-testid="deputy-panel" open={current !== null || undefined}>
      <summary>
        {t('deputyTitle')}
        {current && ` · ${personName(directory, current.deputy)}`}
      </summary>
      {me.actingFor.length > 0 && (
        <p className="note" data-testid="acting-for">
          {t('deputyActingFor', { names: me.actingFor.map((d) => d.principalName ?? d.principal).join('、') })}
        </p>
      )}
      {current ? (
        <div className="row">
          <p data-testid="deputy-current">
            {current.active
              ? t('deputyActive', { name: personName(directory, current.deputy), until: lastDayOf(current) })
              : t('deputyUpcoming', { name: personName(directory, current.deputy), from: current.from ? dayOf(current.from) : '', until: lastDayOf(current) })}
          </p>
          <button type="button" data-testid="deputy-end" disabled={ending.isPending} onClick={() => ending.mutate()}>
            {t('deputyEnd')}
          </button>
        </div>
      ) : (
        <form
          className="row deputy-form"
          onSubmit={(e) => {
            e.preventDefault();
            const p = deputyProblem(input);
            setProblem(p ? t(p) : null);
            if (!p) naming.mutate();
          }}
        >
          <p className="note">{t('deputyNone')}</p>
          <label>
            {t('deputyPerson')}
            <select data-testid="deputy-person" value={input.deputy} onChange={(e) => setInput({ ...input, deputy: e.target.value })}>
              <option value="">—</option>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('deputyFrom')}
            <input type="date" data-testid="deputy-from" min={dayOf(now)} value={input.from} onChange={(e) => setInput({ ...input, from: e.target.value })} />
          </label>
          <label>
            {t('deputyUntil')}
            <input type="date" data-testid="deputy-until" min={input.from || dayOf(now)} value={input.until} onChange={(e) => setInput({ ...input, until: e.target.value })} />
          </label>
          <button type="submit" data-testid="deputy-name" disabled={naming.isPending}>
            {t('deputyName')}
          </button>
        </form>
      )}
      {shown && (
        <p className="error" role="alert" data-testid="deputy-error">
          {shown}
        </p>
      )}
    </details>
  );
}
