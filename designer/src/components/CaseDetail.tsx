import type { CaseInfo, HistoryEntry, ItemModel } from '../api/types';
import { departmentName, useDirectory } from '../api/directory';
import { actorLabel, describeEvent, namesOf, scopeLabel, when } from '../console/describe';
import { migratedMark } from '../console/migration';
import { hoursText } from '../console/indicators';
import { labelOf, useI18n } from '../i18n/i18n';
import { CaseSigners } from '../people/CaseSigners';

/** A case as staff read it: where it is, who has it, the clock, warnings, obligations, materials and the history. */
export function CaseDetail({ caseInfo, model, history }: { caseInfo: CaseInfo; model: ItemModel | null; history: HistoryEntry[] | null }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const names = namesOf(model, (id) => departmentName(directory, id), t);
  const list = (ids: string[]) => (ids.length ? ids.map(names.material).join('、') : t('none'));
  const c = caseInfo;
  const migrated = migratedMark(history);
  return (
    <div className="case-detail" data-testid="case-detail">
      <table className="grid kv">
        <tbody>
          <tr>
            <th>{t('receiptNumber')}</th>
            <td data-testid="case-receipt">{c.receipt}</td>
            <th>{t('colItem')}</th>
            <td>
              {c.itemName} <span className="mono">{c.item}</span>
              {migrated && (
                <span
                  className="tag warn"
                  data-testid="case-migrated"
                  title={t('migBadgeTitle', { moves: migrated.moves.map((m) => `v${m.from}→v${m.to} ${when(m.at)} ${m.user}`).join('；') })}
                >
                  {t('migBadge', { from: migrated.from, to: migrated.to })}
                </span>
              )}
            </td>
          </tr>
          <tr>
            <th>{t('applicant')}</th>
            <td data-testid="case-applicant">
              {c.applicant ? `${c.applicant.name} ${c.applicant.idNumber ?? ''} ${c.applicant.phone ?? ''}` : '—'}
            </td>
            <th>{t('channel')}</th>
            <td>
              {t(`channel_${c.channel}` as 'channel_window')}
              {c.assisted && <span className="tag warn">{t('channel_assisted')}</span>}
            </td>
          </tr>
          <tr>
            <th>{t('caseState')}</th>
            <td colSpan={3} data-testid="case-state">
              {c.regions
                .filter((r) => !r.final || r.region === 'main')
                .map((r) => (
                  <span key={r.region} className="tag">
                    {r.title}
                    {r.department ? ` · ${departmentName(directory, r.department)}` : ''}
                  </span>
                ))}
              {c.outcome && <span className="tag ok" title={c.outcome}>{labelOf(t, 'outcome', c.outcome)}</span>}
              {c.suspended && (
                <span className="tag bad" data-testid="case-suspended">
                  {t('caseSuspended')}
                </span>
              )}
            </td>
          </tr>
          <tr>
            <th>{t('clock')}</th>
            <td colSpan={3}>
              {t('elapsed', { h: c.clock.elapsedHours.toFixed(2) })}
              {c.clock.remainingPromisedHours != null && (
                <span className={c.clock.remainingPromisedHours < 0 ? 'error' : undefined} data-testid="case-remaining">
                  {' · '}
                  {t(c.clock.remainingPromisedHours < 0 ? 'pastPromised' : 'leftOfPromised', { h: hoursText(c.clock.remainingPromisedHours) })}
                </span>
              )}
              {c.clock.paused && <span className="tag warn">{t('clockPaused')}</span>}
              {strongest(c.warnings).map((w, i) => (
                <span key={i} className={`tag ${w.level === 'red' ? 'bad' : 'warn'}`} title={w.scope} data-testid="case-warning-tag" data-scope={w.scope}>
                  {scopeLabel(w, t)} · {t(`warn_${w.level}` as 'warn_red')}
                </span>
              ))}
            </td>
          </tr>
          {c.obligations.length > 0 && (
            <tr>
              <th>{t('openObligations')}</th>
              <td colSpan={3} data-testid="case-obligations">
                {c.obligations.map((o) => (
                  <div key={o.id}>
                    {labelOf(t, 'ob', o.kind.toLowerCase())} · {when(o.due)} {o.materials.length > 0 && `· ${list(o.materials)}`}
                  </div>
                ))}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <CaseSigners caseId={c.caseId} />
      <h3>{t('checklist')}</h3>
      <table className="grid" data-testid="case-materials">
        <tbody>
          {(model?.materials ?? []).map((m) => {
            const s = c.materials;
            const status = s.shared.includes(m.id) || (m.shared && !s.submitted.includes(m.id))
              ? t('mat_shared')
              : s.tolerated.includes(m.id) && !s.submitted.includes(m.id)
                ? t('mat_tolerable')
                : s.committed.includes(m.id)
                  ? t('mat_committable')
                  : s.missing.includes(m.id)
                    ? '✗'
                    : s.submitted.includes(m.id)
                      ? '✓'
                      : '—';
            return (
              <tr key={m.id} data-material={m.id}>
                <td>{m.name}</td>
                <td>{status}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {history && (
        <>
          <h3>{t('history')}</h3>
          <table className="grid history" data-testid="case-history">
            <colgroup>
              <col className="history-at" />
              <col className="history-type" />
              <col className="history-who" />
              <col />
            </colgroup>
            <tbody>
              {history.map((e) => (
                <tr key={e.sequence}>
                  <td className="mono nowrap">{when(e.at)}</td>
                  <td className="nowrap" title={e.type} data-type={e.type}>
                    {labelOf(t, 'ev', e.type)}
                    {e.region && e.region !== 'main' && (
                      <div className="muted" title={e.region}>
                        {names.branch(e.region)}
                      </div>
                    )}
                  </td>
                  <td data-testid="history-actor">{actorLabel(e, (id) => departmentName(directory, id), t)}</td>
                  <td className="data" data-testid="history-detail">
                    {describeEvent(e, t, names)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** One warning per scope, at its highest level: a step turned red is not also shown yellow. */
function strongest<W extends { scope: string; level: string }>(warnings: W[]): W[] {
  const byScope = new Map<string, W>();
  for (const w of warnings) {
    const seen = byScope.get(w.scope);
    if (!seen || (seen.level !== 'red' && w.level === 'red')) byScope.set(w.scope, w);
  }
  return [...byScope.values()];
}
