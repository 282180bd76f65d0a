import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client';
import type { CaseInfo, ItemModel, Permitted } from '../api/types';
import { invalidate } from '../api/queries';
import { branchOf, eventKey, formOf, isIrreversible, newIdempotencyKey, staffMayOffer } from '../console/events';
import { CommentLimit } from '../console/limits';
import { useI18n } from '../i18n/i18n';

/**
 * The events the engine permits the caller now, each a button; events that need a reason, materials or a note open a
 * small form. An irreversible event (撤回, 不同意…) is drawn apart and asks for confirmation first; with `confirmAll`
 * (a department's decision) every event does. A sent event invalidates the case and the lists that count it
 * (worklist, metrics, warnings, tickets).
 */
export function CaseActions({
  caseInfo,
  permitted: offered,
  model,
  onDone,
  confirmAll = false,
}: {
  caseInfo: CaseInfo;
  permitted: Permitted[];
  model: ItemModel | null;
  onDone?: (c: CaseInfo) => void;
  confirmAll?: boolean;
}) {
  const permitted = offered.filter((p) => staffMayOffer(p.event));
  const confirms = (event: string) => confirmAll || isIrreversible(event);
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<Permitted | null>(null);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const sending = useMutation({
    mutationFn: (v: { event: string; branch: string | null | undefined; payload: Record<string, unknown> | undefined }) =>
      api.sendEvent(caseInfo.caseId, v.event, { branch: v.branch, payload: v.payload }, newIdempotencyKey(v.event)),
    onSuccess: () => invalidate(queryClient, { kind: 'eventSent', caseId: caseInfo.caseId }),
  });
  const busy = sending.isPending;
  const label = (p: Permitted) => {
    const k = eventKey(p.event);
    const s = t(k);
    return s === k ? (p.title ?? p.event) : s;
  };
  const nameOf = (id: string) => model?.materials.find((m) => m.id === id)?.name ?? id;
  const owed = [
    ...new Set([
      ...caseInfo.materials.missing,
      ...caseInfo.materials.tolerated,
      ...caseInfo.obligations.filter((o) => o.id === 'supplement').flatMap((o) => o.materials),
    ]),
  ].filter((id) => !caseInfo.materials.submitted.includes(id) || caseInfo.materials.tolerated.includes(id));

  async function send(p: Permitted) {
    const form = formOf(p.event);
    let payload: Record<string, unknown> | undefined;
    if (form === 'reason') {
      if (!text.trim()) return setError(t('reasonRequired'));
      payload = { reason: text.trim() };
    } else if (form === 'materials') payload = { materials: picked };
    else if (form === 'procedure') payload = { procedure: text || model?.procedures?.[0]?.id };
    else if (form === 'note') payload = { note: text.trim() };
    setError(null);
    try {
      const r = await sending.mutateAsync({ event: p.event, branch: branchOf(p), payload });
      setOpen(null);
      setText('');
      setPicked([]);
      onDone?.(r.case);
    } catch (e) {
      setError(errorText(e, lang));
    }
  }

  if (permitted.length === 0) return <p className="note" data-testid="no-actions">{t('noActions')}</p>;
  return (
    <div className="actions" data-testid="actions">
      <div className="row">
        {permitted.map((p) => (
          <button
            key={`${p.event}@${p.region}`}
            type="button"
            data-event={p.event}
            className={isIrreversible(p.event) ? 'danger irreversible' : 'primary'}
            disabled={busy}
            onClick={() => {
              setError(null);
              if (formOf(p.event) === 'none' && !confirms(p.event)) void send(p);
              else {
                setOpen(p);
                setText('');
                setPicked(formOf(p.event) === 'materials' ? owed : []);
              }
            }}
          >
            {label(p)}
          </button>
        ))}
      </div>
      {open && (
        <form
          className="event-form"
          data-testid="event-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send(open);
          }}
        >
          <strong>{label(open)}</strong>
          {confirms(open.event) && (
            <p className={isIrreversible(open.event) ? 'confirm-text error' : 'confirm-text'} data-testid="confirm-text">
              {t(isIrreversible(open.event) ? 'confirmIrreversible' : 'confirmDecision', { e: label(open) })}
            </p>
          )}
          {formOf(open.event) === 'reason' && (
            <label className="field">
              {t('reason')}
              <textarea data-testid="reason" maxLength={CommentLimit} value={text} onChange={(e) => setText(e.target.value)} rows={2} />
            </label>
          )}
          {formOf(open.event) === 'note' && (
            <label className="field">
              {t('note')}
              <textarea data-testid="note" maxLength={CommentLimit} value={text} onChange={(e) => setText(e.target.value)} rows={2} />
            </label>
          )}
          {formOf(open.event) === 'procedure' && (
            <label className="field">
              {t('procedure')}
              <select data-testid="procedure" value={text} onChange={(e) => setText(e.target.value)}>
                {(model?.procedures ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {formOf(open.event) === 'materials' && (
            <fieldset>
              <legend>{t('supplementWhich')}</legend>
              {(owed.length ? owed : (model?.materials.map((m) => m.id) ?? [])).map((id) => (
                <label key={id} className="check">
                  <input
                    type="checkbox"
                    data-material={id}
                    checked={picked.includes(id)}
                    onChange={(e) => setPicked((s) => (e.target.checked ? [...s, id] : s.filter((x) => x !== id)))}
                  />{' '}
                  {nameOf(id)}
                </label>
              ))}
            </fieldset>
          )}
          <div className="row">
            <button type="submit" className={isIrreversible(open.event) ? 'danger' : 'primary'} data-testid="send" disabled={busy}>
              {confirms(open.event) ? t('confirmSend', { e: label(open) }) : t('send')}
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              {t('close')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
