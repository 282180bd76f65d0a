import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api, errorText } from '../api/client';
import { invalidate, migrationPlanQuery, versionQuery } from '../api/queries';
import type { MigrationRun, PlannedCase, VersionInfo } from '../api/types';
import { when } from '../console/describe';
import { chosenMapping, mappingRows, movable, regionsText } from '../console/migration';
import { useSay, wordOf, type WordKey } from '../names/words';
import { titlesInText } from '../names/locations';
import { VersionSelect } from './VersionSelect';

interface Props {
  code: string;
  /** The published versions, oldest first. */
  versions: VersionInfo[];
  /** The version just published in this panel, if any: the migration offers to move the running cases onto it. */
  published: number | null;
}

/**
 * 迁移在办件: the plan of moving the running cases of one published version to another (counts per class, each case
 * with its consequences or the reason it cannot move), an optional state mapping chosen from state titles, a selection,
 * and execution after a confirmation, with each case's result. Authors plan; executing is for the roles the server's
 * policy admits (the plan says whether the caller is one), others see the button disabled with the reason.
 */
export function MigrationPanel({ code, versions, published }: Props) {
  const { t, lang } = useSay();
  const queryClient = useQueryClient();
  const latest = versions.length ? versions[versions.length - 1].version : null;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [asked, setAsked] = useState<{ from: number; to: number; mapping: Record<string, string> } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [run, setRun] = useState<MigrationRun | null>(null);
  // The receipts of the cases sent: once moved they leave the (refreshed) plan, their result still names them.
  const [receipts, setReceipts] = useState<Record<string, string>>({});

  // After a publish the target is the new version and the source the one before it.
  useEffect(() => {
    if (latest == null || versions.length < 2) return;
    const target = published ?? latest;
    setTo((v) => (published != null || v == null ? target : v));
    setFrom((v) => (published != null || v == null ? (versions.filter((x) => x.version < target).pop()?.version ?? null) : v));
  }, [latest, published, versions]);

  const fromGraph = useQuery({ ...versionQuery(code, from ?? 0), enabled: from != null });
  const toGraph = useQuery({ ...versionQuery(code, to ?? 0), enabled: to != null });
  const rows = useMemo(
    () => (fromGraph.data?.graph && toGraph.data?.graph ? mappingRows(fromGraph.data.graph, toGraph.data.graph) : []),
    [fromGraph.data, toGraph.data],
  );

  const plan = useQuery({
    ...migrationPlanQuery(code, asked?.from ?? 0, asked?.to ?? 0, asked?.mapping ?? {}),
    enabled: asked != null,
  });
  // The plan's regions are named by the titles of the versions it was made for (cached: published versions never change).
  const planFrom = useQuery({ ...versionQuery(code, asked?.from ?? 0), enabled: asked != null });
  const planTo = useQuery({ ...versionQuery(code, asked?.to ?? 0), enabled: asked != null });
  const executing = useMutation({
    mutationFn: (cases: PlannedCase[]) =>
      api.executeMigration(code, { from: asked!.from, to: asked!.to, mapping: asked!.mapping, cases: cases.map((c) => ({ caseId: c.caseId, version: c.version })) }),
    onSuccess: (result) => {
      setRun(result);
      setSelected(new Set());
      void invalidate(queryClient, { kind: 'casesMigrated', code, caseIds: result.cases.map((c) => c.caseId) });
    },
  });

  if (versions.length < 2) {
    return (
      <section className="migration" data-testid="migration" aria-labelledby="migration-title">
        <h3 id="migration-title">{t('migTitle')}</h3>
        <p className="muted">{t('migNeedTwo')}</p>
      </section>
    );
  }

  const makePlan = () => {
    if (from == null || to == null) return;
    setRun(null);
    setConfirming(false);
    setSelected(new Set());
    setAsked({ from, to, mapping: chosenMapping(choices) });
  };

  const data = plan.data;
  const canMove = data ? movable(data.cases) : [];
  const chosen = canMove.filter((c) => selected.has(c.caseId));
  const allChosen = canMove.length > 0 && chosen.length === canMove.length;
  const mayExecute = data?.mayExecute === true;
  const roles = (data?.executeRoles ?? []).map((r) => wordOf(t, 'migRole', r)).join(t('migRoleJoin'));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const byCase = new Map((run?.cases ?? []).map((c) => [c.caseId, c]));
  // The plan's sentences quote state names and durations as the YAML writes them: said with the versions' titles and in words.
  const titles: Record<string, string> = {};
  for (const g of [planTo.data?.graph, planFrom.data?.graph]) for (const n of g?.nodes ?? []) if (n.label) titles[n.name] = n.label;
  const say = (text: string | null | undefined) => (text && lang === 'zh' ? titlesInText(text, titles, { t }) : (text ?? ''));
  const receiptOf = (id: string) => receipts[id] ?? data?.cases.find((c) => c.caseId === id)?.receipt ?? id;

  return (
    <section className="migration" data-testid="migration" aria-labelledby="migration-title">
      <h3 id="migration-title">{t('migTitle')}</h3>
      <p className="muted">{t('migIntro')}</p>
      <div className="row">
        <VersionSelect label={t('migFrom')} value={from} versions={versions} onChange={(v) => setFrom(Number(v))} testId="migration-from" />
        <VersionSelect label={t('migTo')} value={to} versions={versions} onChange={(v) => setTo(Number(v))} testId="migration-to" />
      </div>
      {rows.length > 0 && (
        <fieldset className="migration-mapping" data-testid="migration-mapping">
          <legend>{t('migMappingTitle')}</legend>
          <p className="muted">{t('migMappingHelp')}</p>
          {rows.map((r) => (
            <div key={r.key} className="row">
              <label>
                {r.label} →{' '}
                <select value={choices[r.key] ?? ''} onChange={(e) => setChoices((c) => ({ ...c, [r.key]: e.target.value }))} data-mapping={r.key}>
                  <option value="">{t('migNoMapping')}</option>
                  {r.choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="row">
        <button type="button" onClick={makePlan} disabled={from == null || to == null || from === to || plan.isFetching} data-testid="migration-plan">
          {plan.isFetching ? t('migPlanning') : t('migPlan')}
        </button>
        {plan.error && (
          <span role="alert" className="error" data-testid="migration-error">
            {errorText(plan.error, lang)}
          </span>
        )}
      </div>
      {data && (
        <div data-testid="migration-plan-result">
          <p>
            <span className="muted">{t('migMadeAt', { at: when(data.madeAt) })}</span>{' '}
            <span className="tag ok" data-testid="migration-count-clean">
              {t('migCountClean', { n: data.clean })}
            </span>
            <span className="tag warn" data-testid="migration-count-consequences">
              {t('migCountConsequences', { n: data.withConsequences })}
            </span>
            <span className="tag bad" data-testid="migration-count-cannot">
              {t('migCountCannot', { n: data.cannotMove })}
            </span>
          </p>
          {data.cases.length === 0 ? (
            <p>{t('migNoCases', { v: data.from })}</p>
          ) : (
            <table className="grid migration-cases" data-testid="migration-cases">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('migSelectAll')}
                      title={t('migSelectAll')}
                      checked={allChosen}
                      disabled={canMove.length === 0}
                      onChange={() => setSelected(allChosen ? new Set() : new Set(canMove.map((c) => c.caseId)))}
                      data-testid="migration-select-all"
                    />
                  </th>
                  <th scope="col">{t('migColCase')}</th>
                  <th scope="col">{t('migColClass')}</th>
                  <th scope="col">{t('migColWhere')}</th>
                  <th scope="col">{t('migColConsequences')}</th>
                  {run && <th scope="col">{t('migColResult')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.cases.map((c) => {
                  const outcome = byCase.get(c.caseId);
                  const cannot = c.class === 'cannot-move';
                  return (
                    <tr key={c.caseId} data-case={c.caseId} data-class={c.class}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('migSelectCase', { receipt: c.receipt })}
                          disabled={cannot}
                          checked={selected.has(c.caseId)}
                          onChange={() => toggle(c.caseId)}
                        />
                      </td>
                      <td className="mono nowrap">{c.receipt}</td>
                      <td className="nowrap">
                        <span className={`tag ${c.class === 'clean' ? 'ok' : cannot ? 'bad' : 'warn'}`}>{t(`migClass_${c.class}` as WordKey)}</span>
                      </td>
                      <td title={[c.regionsBefore.join(' '), c.regionsAfter.join(' ')].filter(Boolean).join(' → ')}>
                        {regionsText(c.regionsBefore, planFrom.data?.graph)}
                        {c.regionsAfter.length > 0 && ` → ${regionsText(c.regionsAfter, planTo.data?.graph)}`}
                      </td>
                      <td data-testid="migration-consequences">
                        {cannot ? (
                          <span className="error">{lang === 'zh' ? say(c.reason) : c.reasonEnglish}</span>
                        ) : c.consequences.length === 0 ? (
                          <span className="muted">{t('migNoConsequence')}</span>
                        ) : (
                          <ul>
                            {c.consequences.map((q, i) => (
                              <li key={i} data-kind={q.kind}>
                                {lang === 'zh' ? say(q.text) : q.textEnglish}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {run && (
                        <td data-testid="migration-outcome" data-result={outcome?.result ?? ''}>
                          {outcome && (
                            <>
                              <span className={`tag ${outcome.result === 'migrated' || outcome.result === 'already-migrated' ? 'ok' : 'bad'}`}>
                                {wordOf(t, 'migResult', outcome.result)}
                              </span>
                              {outcome.reason && <div className="muted">{lang === 'zh' ? say(outcome.reason) : outcome.reasonEnglish}</div>}
                            </>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <div className="row">
            <button
              type="button"
              disabled={!mayExecute || chosen.length === 0 || executing.isPending}
              aria-describedby={mayExecute ? undefined : 'migration-not-allowed'}
              onClick={() => setConfirming(true)}
              data-testid="migration-execute"
            >
              {executing.isPending ? t('migRunning') : t('migExecute', { n: chosen.length })}
            </button>
            {!mayExecute && (
              <span id="migration-not-allowed" className="muted" data-testid="migration-not-allowed">
                {t('migNotAllowed', { roles: roles || '—' })}
              </span>
            )}
          </div>
          {confirming && (
            <div role="alertdialog" aria-labelledby="migration-confirm-text" className="banner" data-testid="migration-confirm">
              <span id="migration-confirm-text">{t('migConfirm', { n: chosen.length, from: data.from, to: data.to })}</span>{' '}
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  setReceipts(Object.fromEntries(chosen.map((c) => [c.caseId, c.receipt])));
                  executing.mutate(chosen);
                }}
                data-testid="migration-confirm-yes"
              >
                {t('migConfirmYes')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('migConfirmNo')}
              </button>
            </div>
          )}
          {executing.error && (
            <p role="alert" className="error">
              {errorText(executing.error, lang)}
            </p>
          )}
          {run && (
            <div data-testid="migration-run" role="status">
              <strong>{t('migResultTitle', { migrated: run.migrated, refused: run.refused })}</strong>
              <ul>
                {run.cases.map((c) => (
                  <li key={c.caseId} data-result={c.result}>
                    <span className="mono">{receiptOf(c.caseId)}</span> · {wordOf(t, 'migResult', c.result)}
                    {c.reason ? ` · ${lang === 'zh' ? say(c.reason) : c.reasonEnglish}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
