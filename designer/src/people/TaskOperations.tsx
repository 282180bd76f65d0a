import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client';
import type { Permitted } from '../api/types';
import type { CaseTask, PeopleDepartment } from '../api/peopleTypes';
import { caseTasksQuery } from '../api/peopleQueries';
import { invalidate } from '../api/queries';
import { newIdempotencyKey } from '../console/events';
import { isKey, useI18n } from '../i18n/i18n';
import { candidates, operationForm, payloadFor, pendingSigners, sendsAtOnce, signerChoices, type OperationInput } from './operations';

/**
 * The operations the caller may send on a task now, each a button (签收, 转办, 退回, 同意…); those that need a person,
 * a signer, a step or a reason open a small form. A refusal shows the engine's Chinese reason.
 */
export function TaskOperations({
  caseId,
  task,
  permitted,
  directory,
}: {
  caseId: string;
  task: CaseTask | null;
  permitted: Permitted[];
  directory: PeopleDepartment[];
}) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Permitted | null>(null);
  const [input, setInput] = useState<OperationInput>({});
  const [error, setError] = useState<string | null>(null);
  const sending = useMutation({
    mutationFn: (v: { p: Permitted; payload?: Record<string, unknown> }) =>
      api.sendEvent(caseId, v.p.event, { branch: v.p.region === 'main' ? null : v.p.region.split('/').pop(), payload: v.payload }, newIdempotencyKey(v.p.event)),
    onSuccess: () => invalidate(queryClient, { kind: 'eventSent', caseId }),
  });

  const label = (p: Permitted) => {
    const k = `op_${p.event}`;
    if (isKey(k)) return t(k);
    const ev = `ev_${p.event}`;
    return p.title ?? (isKey(ev) ? t(ev) : p.event);
  };

  async function send(p: Permitted, values: OperationInput) {
    const built = payloadFor(p.event, values);
    if (built.missing) return setError(t(`missing_${built.missing}`));
    setError(null);
    try {
      await sending.mutateAsync({ p, payload: built.payload });
      setOpen(null);
      setInput({});
    } catch (e) {
      setError(errorText(e, lang));
    }
  }

  const click = (p: Permitted) => {
    setError(null);
    if (sendsAtOnce(p.event)) void send(p, {});
    else {
      setInput({});
      setOpen(open?.event === p.event ? null : p);
    }
  };

  // The steps 退回 may name, by their titles where the case's done steps give them (the panel below shares the query).
  const caseTasks = useQuery({ ...caseTasksQuery(caseId), enabled: open?.event === 'send-back' });
  const stepTitle = (state: string) => caseTasks.data?.done.find((d) => d.state === state)?.title ?? state;
  const form = open ? operationForm(open.event) : null;
  const people = task ? candidates(directory, task) : [];
  const recipients = directory.flatMap((d) => [{ id: `department:${d.id}`, name: d.name }, ...d.people.map((p) => ({ id: p.id, name: `${p.name}（${d.name}）` }))]);
  return (
    <div className="task-ops" data-testid="task-ops">
      <div className="row">
        {permitted.map((p) => (
          <button
            key={`${p.region}/${p.event}`}
            type="button"
            data-event={p.event}
            className={open?.event === p.event ? 'primary' : undefined}
            disabled={sending.isPending}
            onClick={() => click(p)}
          >
            {label(p)}
          </button>
        ))}
      </div>
      {open && form && (
        <form
          className="task-op-form"
          data-testid="task-op-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send(open, input);
          }}
        >
          {form.person === 'one' && (
            <label>
              {t('opPerson')}{' '}
              <select value={input.to ?? ''} onChange={(e) => setInput({ ...input, to: e.target.value })} data-testid="op-person">
                <option value="">—</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                {open.event === 'transfer' &&
                  task?.transferToDepartment &&
                  directory
                    .filter((d) => d.id !== task.department)
                    .map((d) => (
                      <option key={d.id} value={`department:${d.id}`}>
                        {d.name}
                      </option>
                    ))}
              </select>
            </label>
          )}
          {form.person === 'many' && (
            <label>
              {t('opRecipients')}{' '}
              <select
                multiple
                value={input.recipients ?? []}
                onChange={(e) => setInput({ ...input, recipients: [...e.target.selectedOptions].map((o) => o.value) })}
                data-testid="op-recipients"
              >
                {recipients.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {form.signer !== 'none' && (
            <label>
              {t('opSigner')}{' '}
              <select value={input.signer ?? ''} onChange={(e) => setInput({ ...input, signer: e.target.value })} data-testid="op-signer">
                <option value="">—</option>
                {(form.signer === 'add' && task ? signerChoices(directory, task) : task ? pendingSigners(task) : []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {form.signer === 'add' && (
            <label>
              {t('opWhere')}{' '}
              <select value={input.where ?? 'alongside'} onChange={(e) => setInput({ ...input, where: e.target.value as OperationInput['where'] })} data-testid="op-where">
                {(['alongside', 'before', 'after'] as const).map((w) => (
                  <option key={w} value={w}>
                    {t(`where_${w}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {form.step && (
            <label>
              {t('opStep')}{' '}
              <select value={input.step ?? ''} onChange={(e) => setInput({ ...input, step: e.target.value })} data-testid="op-step">
                <option value="">—</option>
                {(task?.returns ?? []).map((s) => (
                  <option key={s} value={s}>
                    {stepTitle(s)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {form.text !== 'none' && (
            <label>
              {t(form.text === 'reason' ? 'opReason' : 'opNote')}{' '}
              <input value={input.text ?? ''} onChange={(e) => setInput({ ...input, text: e.target.value })} maxLength={500} data-testid="op-text" />
            </label>
          )}
          <button type="submit" className="primary" disabled={sending.isPending} data-testid="op-send">
            {label(open)} · {t('opSend')}
          </button>
          <button type="button" onClick={() => setOpen(null)}>
            {t('opCancel')}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert" data-testid="op-error">
          {error}
        </p>
      )}
    </div>
  );
}
