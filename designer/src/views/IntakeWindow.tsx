import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, errorText } from '../api/client';
import type { CaseInfo, DocumentKind, ItemModel, StartCaseInput, StartCaseResult } from '../api/types';
import { caseQuery, definitionsQuery, invalidate, itemModelQuery } from '../api/queries';
import type { DefinitionSummary } from '../api/types';
import { CaseActions } from '../components/CaseActions';
import { CaseDetail } from '../components/CaseDetail';
import { CertificateEntry } from '../console/CertificateEntry';
import { PrintPreview } from '../components/PrintPreview';
import { WindowCaseSearch } from '../components/WindowCaseSearch';
import { newIdempotencyKey } from '../console/events';
import { idNumberProblem, isPhoneNumber } from '../console/idNumber';
import { NameLimit } from '../console/limits';
import { useI18n } from '../i18n/i18n';
import { useComposition } from '../ime';
import { matches } from '../search/catalogSearch';

type Channel = 'window' | 'online' | 'assisted';

/**
 * The items a case can be received for: those with a published version. An item with only a draft has no
 * latestVersion at all (the server leaves null fields out), so the test is for a number, not for null.
 */
export const published = (list: DefinitionSummary[]) => list.filter((d) => typeof d.latestVersion === 'number');

/** The documents a case has now: a receipt once accepted, a tolerance notice when accepted with tolerance, the notice when one was given. */
function documentsOf(c: CaseInfo, noticeGiven: boolean): DocumentKind[] {
  const docs: DocumentKind[] = [];
  if (c.clock.started) docs.push('receipt');
  if (c.materials.tolerated.length > 0) docs.push('tolerance-notice');
  if (noticeGiven) docs.push('one-time-notice');
  if (c.outcome) docs.push('decision');
  return docs;
}

/** 一窗受理: pick the item, enter the applicant, tick the materials, receive; then do what the engine permits and print. */
export function IntakeWindow() {
  const { t, lang } = useI18n();
  const listed = useQuery({ ...definitionsQuery(), select: published });
  const items = listed.data ?? null;
  const [query, setQuery] = useState('');
  const ime = useComposition();
  const [item, setItem] = useState<DefinitionSummary | null>(null);
  const [model, setModel] = useState<ItemModel | null>(null);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [channel, setChannel] = useState<Channel>('window');
  const [assisted, setAssisted] = useState(false);
  const [ticked, setTicked] = useState<string[]>([]);
  const [started, setStarted] = useState<StartCaseResult | null>(null);
  const [current, setCurrent] = useState<CaseInfo | null>(null);
  const [noticeGiven, setNoticeGiven] = useState(false);
  const [doc, setDoc] = useState<DocumentKind | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (listed.error ? errorText(listed.error, lang, t('unauthorized')) : null);
  const queryClient = useQueryClient();
  const starting = useMutation({
    mutationFn: (input: StartCaseInput) => api.startCase(input, newIdempotencyKey('start')),
    onSuccess: () => invalidate(queryClient, { kind: 'caseStarted' }),
  });
  const busy = starting.isPending;

  async function pick(d: DefinitionSummary) {
    setItem(d);
    setError(null);
    let m: ItemModel | null;
    try {
      m = await queryClient.fetchQuery(itemModelQuery(d.code, d.latestVersion!));
    } catch (e) {
      return setError(errorText(e, lang));
    }
    setModel(m);
    setTicked((m?.materials ?? []).filter((x) => !x.shared).map((x) => x.id));
  }

  const shown = useMemo(() => (items ?? []).filter((d) => matches(d, query)), [items, query]);
  const idProblem = idNumber.trim() ? idNumberProblem(idNumber) : null;
  const phoneProblem = phone.trim() !== '' && !isPhoneNumber(phone);
  const missing = (model?.materials ?? []).filter((m) => !m.shared && !m.optional && !ticked.includes(m.id));

  async function receive() {
    if (!item || !model) return;
    setError(null);
    try {
      const r = await starting.mutateAsync({
        item: item.code,
        applicant: { name: name.trim(), idNumber: idNumber.trim() || undefined, phone: phone.trim() || undefined },
        submitted: ticked,
        channel,
        assisted: assisted || channel === 'assisted',
      });
      setStarted(r);
      setCurrent(r.case);
      setNoticeGiven(false);
    } catch (e) {
      setError(errorText(e, lang));
    }
  }

  async function open(receipt: string) {
    setError(null);
    try {
      const opened = await queryClient.fetchQuery({ ...caseQuery(receipt.trim()), staleTime: 0 });
      setModel(opened.model);
      setStarted(null);
      setCurrent(opened.caseInfo);
      setNoticeGiven(opened.history.some((e) => e.type === 'notice' || e.type === 'one-time-notice'));
    } catch (e) {
      setError(errorText(e, lang));
    }
  }

  function reset() {
    setStarted(null);
    setCurrent(null);
    setDoc(null);
    setName('');
    setIdNumber('');
    setPhone('');
    setAssisted(false);
    setChannel('window');
    setTicked((model?.materials ?? []).filter((x) => !x.shared).map((x) => x.id));
  }

  const issueBlocked =
    current !== null && current.mainState === 'issuing' && current.obligations.some((o) => o.id === 'supplement') && !current.permitted.some((p) => p.event === 'issue');

  return (
    <section className="console window-page" data-testid="window-page">
      <h1>{t('navWindow')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <WindowCaseSearch onOpen={open}>
        {current && (
          <button type="button" onClick={reset} data-testid="new-case">
            {t('newCase')}
          </button>
        )}
      </WindowCaseSearch>

      {!current && (
        <div className="intake">
          <fieldset>
            <legend>{t('pickItem')}</legend>
            <input className="search" data-testid="item-search" placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} {...ime.handlers} />
            <div className="item-list">
              {shown.map((d) => (
                <button key={d.code} type="button" data-item={d.code} className={item?.code === d.code ? 'picked' : undefined} onClick={() => void pick(d)}>
                  {d.name} <span className="mono">{d.code}</span>
                  {d.kind === 'instant' && <span className="tag">{t('instantItem')}</span>}
                </button>
              ))}
              {items && shown.length === 0 && <span className="note">{t('noResults')}</span>}
            </div>
          </fieldset>

          {model && (
            <>
              <fieldset>
                <legend>{t('applicant')}</legend>
                <div className="row">
                  <label className="field">
                    {t('applicantName')}
                    <input data-testid="applicant-name" maxLength={NameLimit} value={name} onChange={(e) => setName(e.target.value)} />
                  </label>
                  <label className="field">
                    {t('idNumber')}
                    <input data-testid="applicant-id" value={idNumber} maxLength={18} onChange={(e) => setIdNumber(e.target.value)} aria-invalid={idProblem !== null} />
                    <span className={idProblem ? 'error' : 'preview'} data-testid="id-check">
                      {idNumber.trim() ? (idProblem ? t(`id_${idProblem}`) : t('id_ok')) : ''}
                    </span>
                  </label>
                  <label className="field">
                    {t('phone')}
                    <input data-testid="applicant-phone" value={phone} onChange={(e) => setPhone(e.target.value)} aria-invalid={phoneProblem} />
                    {phoneProblem && (
                      <span className="error" data-testid="phone-check">
                        {t('phone_invalid')}
                      </span>
                    )}
                  </label>
                  <label className="field">
                    {t('channel')}
                    <select data-testid="channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
                      {(['window', 'online', 'assisted'] as const).map((c) => (
                        <option key={c} value={c}>
                          {t(`channel_${c}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <label className="check">
                  <input type="checkbox" data-testid="assisted" checked={assisted || channel === 'assisted'} onChange={(e) => setAssisted(e.target.checked)} />{' '}
                  {t('assistedMark')}
                </label>
              </fieldset>

              <fieldset>
                <legend>{t('checklist')}</legend>
                <table className="grid checklist" data-testid="checklist">
                  <tbody>
                    {model.materials.map((m) => (
                      <tr key={m.id} data-material={m.id}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={m.name}
                            disabled={!!m.shared}
                            checked={!!m.shared || ticked.includes(m.id)}
                            onChange={(e) => setTicked((s) => (e.target.checked ? [...s, m.id] : s.filter((x) => x !== m.id)))}
                          />
                        </td>
                        <td>{m.name}</td>
                        <td>
                          {m.core && <span className="tag bad">{t('mat_core')}</span>}
                          {m.tolerable && <span className="tag warn">{t('mat_tolerable')}</span>}
                          {m.committable && <span className="tag">{t('mat_committable')}</span>}
                          {m.shared && <span className="tag ok">{t('mat_shared')}</span>}
                          {m.optional && <span className="tag">{t('mat_optional')}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p data-testid="missing-preview">
                  {missing.length ? t('missingNow', { n: missing.length, list: missing.map((m) => m.name).join('、') }) : t('nothingMissing')}
                </p>
              </fieldset>
              <button type="button" className="primary big" data-testid="receive" disabled={busy || !name.trim() || idProblem !== null || phoneProblem} onClick={() => void receive()}>
                {t('receive')}
              </button>
            </>
          )}
        </div>
      )}

      {current && (
        <div className="intake-result">
          {started && (
            <p className="banner" data-testid="received">
              {t('received', { r: started.receipt, c: started.verificationCode })}
            </p>
          )}
          <h2>{t('mayDoNow')}</h2>
          {issueBlocked && (
            <p className="banner error" data-testid="issue-blocked">
              {t('issueBlocked')}
            </p>
          )}
          <CaseActions
            caseInfo={current}
            permitted={current.permitted}
            model={model}
            onDone={(c) => {
              if (c.mainState !== current.mainState && c.mainState === 'correcting') setNoticeGiven(true);
              if (c.mainState === 'correcting') setNoticeGiven(true);
              setCurrent(c);
            }}
          />
          <CertificateEntry caseInfo={current} model={model} onDone={setCurrent} />
          <div className="row docs">
            {documentsOf(current, noticeGiven).map((k) => (
              <button key={k} type="button" data-doc={k} onClick={() => setDoc(k)}>
                {t('print')} {t(`doc_${k}`)}
              </button>
            ))}
          </div>
          {doc && <PrintPreview caseId={current.caseId} receipt={current.receipt} code={started?.verificationCode ?? current.verificationCode ?? null} kind={doc} onClose={() => setDoc(null)} />}
          <CaseDetail caseInfo={current} model={model} history={null} />
        </div>
      )}
    </section>
  );
}
