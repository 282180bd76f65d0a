import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client';
import type { GraphDto, SimulationResult, SimulationStep, SimulationStepInput } from '../api/types';
import { scopeLabel } from '../console/describe';
import { messageOf } from '../i18n/diagnosticTitles';
import { rejectionText } from '../i18n/messages';
import { DurationPicker } from './pickers/DurationPicker';
import { NameSelect } from './pickers/NameSelect';
import { builtInRoles } from './pickers/RolePicker';
import { branchOptions, eventOptions, materialOptions, wordOptions } from './pickers/options';
import { useSay, wordOf } from '../names/words';

/**
 * The graph ids lit by one simulated step. The server names regions `main` (the main flow: `approval`) and by the
 * branch's id (`approval/market`: `reviewing`), which with the state's name is the graph id of the state in the lane.
 */
export function activeIds(step: SimulationStep, graph: GraphDto): Set<string> {
  const ids = new Set<string>();
  const has = (id: string) => graph.nodes.some((n) => n.id === id);
  for (const [region, state] of Object.entries(step.regions ?? {})) {
    const id = region === 'main' ? state : `${region}/${state}`;
    if (!has(id)) continue;
    ids.add(id);
    if (region !== 'main' && has(region)) ids.add(region);
  }
  return ids;
}

/** What a hand-run case submits unless the author says otherwise: every material that is neither optional nor shared (shared ones come from data sharing). */
export function submittedByDefault(definition: unknown): string[] {
  const materials = (definition as { materials?: unknown } | null)?.materials;
  if (!Array.isArray(materials)) return [];
  return materials
    .filter((m): m is { id: string; optional?: boolean; shared?: string } => typeof (m as { id?: unknown })?.id === 'string')
    .filter((m) => !m.optional && !m.shared)
    .map((m) => m.id);
}

const hours = (h: number | null | undefined) => (h === null || h === undefined ? '—' : `${Math.round(h * 10) / 10} h`);

/**
 * A step's states, main flow first and each lane in brackets: `approval [market:reviewing, …]` as written, or with
 * `graph` the titles the author gave them (`并联审批 [营业执照:审查, …]`), a name without a title as written.
 */
export function regionsText(step: SimulationStep, graph?: GraphDto): string {
  const label = (id: string, written: string) => graph?.nodes.find((n) => n.id === id)?.label || written;
  const entries = Object.entries(step.regions ?? {});
  const main = step.regions?.main ?? '';
  const rest = entries
    .filter(([r]) => r !== 'main')
    .map(([r, s]) => `${label(r, r.slice(r.lastIndexOf('/') + 1))}:${label(`${r}/${s}`, s)}`);
  return label(main, main) + (rest.length ? ` [${rest.join(', ')}]` : '');
}

export function SimulationPanel({ yaml, graph, definition, onActive }: { yaml: string; graph: GraphDto; definition: unknown; onActive: (ids: Set<string>) => void }) {
  const { t, lang } = useSay();
  const [submitted, setSubmitted] = useState<string[]>(() => submittedByDefault(definition));
  const materials = materialOptions(definition);
  const materialName = (id: string) => materials.find(([m]) => m === id)?.[1] ?? id;
  const events = eventOptions(definition, t);
  const branches = branchOptions(definition);
  const calendar = String((definition as { item?: { calendar?: unknown } } | null)?.item?.calendar ?? 'cn-mainland');
  const [mode, setMode] = useState<'steps' | 'sample'>('steps');
  const [sample, setSample] = useState('');
  const [steps, setSteps] = useState<SimulationStepInput[]>([{ send: 'accept', by: 'window' }]);
  const [days, setDays] = useState('1');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState(-1);
  // A simulation changes nothing on the server: a mutation only for its pending state and one request per run.
  const simulating = useMutation({ mutationFn: (options: Parameters<typeof api.simulate>[1]) => api.simulate(yaml, options) });

  const show = (i: number, r = result) => {
    setCurrent(i);
    const s = r?.steps[i];
    onActive(s ? activeIds(s, graph) : new Set());
  };
  const run = async () => {
    setError(null);
    setResult(null);
    try {
      const r = await simulating.mutateAsync(
        mode === 'sample' ? { sample } : { steps, case: { submitted } },
      );
      setResult(r);
      show(r.steps.length - 1, r);
    } catch (e) {
      setError(errorText(e, lang));
    }
  };
  const setStep = (i: number, field: keyof SimulationStepInput, v: string) => setSteps(steps.map((s, j) => (j === i ? { ...s, [field]: v || undefined } : s)));

  return (
    <div className="simulation" data-testid="simulation">
      <div className="row">
        <label>
          <input type="radio" checked={mode === 'steps'} onChange={() => { setMode('steps'); setResult(null); }} data-testid="mode-steps" /> {t('runSteps')}
        </label>
        <label>
          <input type="radio" checked={mode === 'sample'} onChange={() => { setMode('sample'); setResult(null); }} data-testid="mode-sample" /> {t('runSample')}
        </label>
        {mode === 'steps' && (
          <fieldset className="sim-submitted" data-testid="sim-submitted">
            <legend>{t('simSubmitted')}</legend>
            {materials.map(([id, name]) => (
              <label key={id} className="check-inline">
                <input
                  type="checkbox"
                  checked={submitted.includes(id)}
                  data-material={id}
                  onChange={(e) => setSubmitted(e.target.checked ? [...submitted, id] : submitted.filter((x) => x !== id))}
                />{' '}
                {name}
              </label>
            ))}
          </fieldset>
        )}
        <button type="button" onClick={() => void run()} disabled={simulating.isPending} data-testid="simulate-run">
          {t('run')}
        </button>
      </div>
      {mode === 'sample' ? (
        <textarea aria-label={t('sampleYaml')} placeholder={t('sampleYaml')} value={sample} onChange={(e) => setSample(e.target.value)} rows={6} data-testid="sample-yaml" className="mono" />
      ) : (
        <div>
          {steps.map((s, i) => (
            <div className="row" key={i} data-testid="sim-step-input">
              {s.after !== undefined && s.send === undefined ? (
                <span>
                  ⏩ <DurationPicker label={t('fastForward')} value={s.after ?? ''} calendar={calendar} onCommit={(v) => setStep(i, 'after', v ?? '')} compact />
                </span>
              ) : (
                <>
                  <NameSelect label={t('simEvent')} value={s.send ?? ''} options={events} none={t('pickNone')} onChange={(v) => setStep(i, 'send', v)} testId="sim-event" />
                  <NameSelect label={t('simRole')} value={s.by ?? ''} options={wordOptions(t, 'role', builtInRoles)} none={t('pickNone')} onChange={(v) => setStep(i, 'by', v)} testId="sim-role" />
                  {branches.length > 0 && (
                    <NameSelect label={t('simBranch')} value={s.branch ?? ''} options={branches} none={t('simNoBranch')} onChange={(v) => setStep(i, 'branch', v)} testId="sim-branch" />
                  )}
                </>
              )}
              <button type="button" aria-label={t('remove')} onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                ✕
              </button>
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={() => setSteps([...steps, { send: '', by: 'window' }])}>
              {t('addStep')}
            </button>
            <input aria-label={t('workingDays')} value={days} onChange={(e) => setDays(e.target.value)} size={3} />
            <button type="button" data-testid="fast-forward" onClick={() => setSteps([...steps, { after: `${days}wd` }])}>
              {t('fastForward')} {days} {t('workingDays')}
            </button>
          </div>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {/* What stopped the run (errors: the draft or the sample does not read; warnings are the problems panel's), and for a sample whether its expectations held. */}
      {result && (result.diagnostics ?? []).some((d) => d.severity === 'error') && (
        <ul className="error" data-testid="sim-diagnostics">
          {result.diagnostics.filter((d) => d.severity === 'error').map((d, i) => (
            <li key={i}>
              {d.code} {d.line ? `${d.line}:${d.column ?? 1}` : ''} {messageOf(d, lang)}
            </li>
          ))}
        </ul>
      )}
      {result && result.ran && mode === 'sample' && (
        <p className={result.passed ? 'ok' : 'error'} data-testid="sim-verdict">
          {result.passed ? t('samplePassed') : t('sampleFailed', { n: (result.failures ?? []).length })}
        </p>
      )}
      {result && (result.failures ?? []).length > 0 && (
        <ul className="error mono sim-failures" data-testid="sim-failures">
          {(lang === 'en' ? result.failures : (result.failuresZh ?? result.failures)).map((f, i) => (
            <li key={i}>{f}</li>
          ))}
        </ul>
      )}
      {result && (
        <table className="grid" data-testid="sim-result">
          <thead>
            <tr>
              <th>{t('step')}</th>
              <th>{t('state')}</th>
              <th>{t('clockElapsed')}</th>
              <th>{t('clockRemaining')}</th>
              <th>{t('warnings')}</th>
              <th>{t('obligations')}</th>
              <th>{t('missingColumn')}</th>
              <th>{t('notificationsSent')}</th>
            </tr>
          </thead>
          <tbody>
            {result.steps.map((s, i) => (
              <tr key={i} tabIndex={0} className={i === current ? 'current' : ''} onClick={() => show(i)} onKeyDown={(e) => e.key === 'Enter' && !e.nativeEvent.isComposing && show(i)} data-testid="sim-step">
                <td>{i + 1}</td>
                <td className="mono">
                  <span title={`${s.label} · ${regionsText(s)}`} data-testid="sim-state">
                    {regionsText(s, graph)}
                  </span>
                  {s.outcome && <span> → {wordOf(t, 'outcome', s.outcome)}</span>}
                  {s.rejection && (
                    <span className="error">
                      {' '}
                      {t('rejected')} {s.rejection.code}: {rejectionText(s.rejection, lang)}
                    </span>
                  )}
                </td>
                <td>
                  {hours(s.clock?.elapsedHours)}
                  {s.clock?.paused ? ` (${t('paused')})` : ''}
                </td>
                <td>
                  {hours(s.clock?.remainingPromisedHours)} / {hours(s.clock?.remainingStatutoryHours)}
                </td>
                {/* Words for the kinds (黄灯, 补交容缺材料 · 未履行); a warning's scope by its title as the case view shows it (整件, 营业执照), ids as the author wrote them. */}
                <td data-testid="sim-warnings">
                  {(s.warnings ?? []).map((w, k) => (
                    <span key={k} title={w.scope}>
                      {k > 0 && '; '}
                      {wordOf(t, 'warn', w.level.toLowerCase())} {scopeLabel(w, t)}
                    </span>
                  ))}
                </td>
                <td data-testid="sim-obligations">
                  {(s.obligations ?? [])
                    .map((o) => `${wordOf(t, 'ob', o.kind.toLowerCase())} · ${wordOf(t, 'obst', o.status.toLowerCase())}${o.materials?.length ? `（${o.materials.map(materialName).join('、')}）` : ''}`)
                    .join('; ')}
                </td>
                <td data-testid="sim-missing" title={(s.missing ?? []).join(', ')}>{(s.missing ?? []).map(materialName).join('、')}</td>
                <td>{(s.notifications ?? []).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
