import { useState } from 'react';
import { api } from '../api/client';
import type { GraphDto, SimulationResult, SimulationStep, SimulationStepInput } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The graph ids lit by one simulated step: the main state and each region's state (`approval/market` + `reviewing`). */
export function activeIds(step: SimulationStep, graph: GraphDto): Set<string> {
  const ids = new Set<string>();
  const has = (id: string) => graph.nodes.some((n) => n.id === id);
  if (step.state && has(step.state)) ids.add(step.state);
  for (const r of step.regions ?? []) {
    const candidates = [`${r.region}/${r.state}`, ...graph.nodes.filter((n) => n.kind === 'Branch' && n.name === r.region).map((b) => `${b.id}/${r.state}`)];
    const hit = candidates.find(has);
    if (hit) {
      ids.add(hit);
      ids.add(hit.slice(0, hit.lastIndexOf('/')));
    }
  }
  return ids;
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function SimulationPanel({ yaml, graph, onActive }: { yaml: string; graph: GraphDto; onActive: (ids: Set<string>) => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'steps' | 'sample'>('steps');
  const [sample, setSample] = useState('');
  const [steps, setSteps] = useState<SimulationStepInput[]>([{ send: 'accept', by: 'window' }]);
  const [days, setDays] = useState('1');
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState(-1);

  const show = (i: number, r = result) => {
    setCurrent(i);
    const s = r?.steps[i];
    onActive(s ? activeIds(s, graph) : new Set());
  };
  const run = async () => {
    setError(null);
    try {
      const r = await api.simulate(yaml, mode === 'sample' ? { sample } : { steps });
      setResult(r);
      show(r.steps.length - 1, r);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const setStep = (i: number, field: keyof SimulationStepInput, v: string) => setSteps(steps.map((s, j) => (j === i ? { ...s, [field]: v || undefined } : s)));

  return (
    <div className="simulation" data-testid="simulation">
      <div className="row">
        <label>
          <input type="radio" checked={mode === 'steps'} onChange={() => setMode('steps')} /> {t('runSteps')}
        </label>
        <label>
          <input type="radio" checked={mode === 'sample'} onChange={() => setMode('sample')} /> {t('runSample')}
        </label>
        <button type="button" onClick={() => void run()} data-testid="simulate-run">
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
                  ⏩ <input aria-label={t('duration')} value={s.after ?? ''} onChange={(e) => setStep(i, 'after', e.target.value)} className="mono" />
                </span>
              ) : (
                <>
                  <input aria-label={t('event')} placeholder={t('event')} value={s.send ?? ''} onChange={(e) => setStep(i, 'send', e.target.value)} className="mono" />
                  <input aria-label={t('roles')} placeholder={t('roles')} value={s.by ?? ''} onChange={(e) => setStep(i, 'by', e.target.value)} />
                  <input aria-label={t('branches')} placeholder={t('branches')} value={s.branch ?? ''} onChange={(e) => setStep(i, 'branch', e.target.value)} />
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
              <th>{t('notificationsSent')}</th>
            </tr>
          </thead>
          <tbody>
            {result.steps.map((s, i) => (
              <tr key={i} tabIndex={0} className={i === current ? 'current' : ''} onClick={() => show(i)} onKeyDown={(e) => e.key === 'Enter' && !e.nativeEvent.isComposing && show(i)} data-testid="sim-step">
                <td>{i + 1}</td>
                <td className="mono">
                  {s.state}
                  {s.regions?.length ? ` [${s.regions.map((r) => `${r.region}:${r.state}`).join(', ')}]` : ''}
                  {s.rejection && <span className="error"> {t('rejected')}: {s.rejection}</span>}
                </td>
                <td>{s.clock?.elapsed ?? ''}{s.clock?.paused ? ` (${t('paused')})` : ''}</td>
                <td>
                  {s.clock?.remainingPromised ?? ''} / {s.clock?.remainingStatutory ?? ''}
                </td>
                <td>{(s.warnings ?? []).map(text).join('; ')}</td>
                <td>{(s.obligations ?? []).map(text).join('; ')}</td>
                <td>{(s.notifications ?? []).map(text).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
