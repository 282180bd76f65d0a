import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Diagnostic, GraphDto, SemanticDiff, VersionInfo } from '../api/types';
import type { DiffMark } from '../graph/mapGraph';
import { useI18n } from '../i18n/i18n';

/** Diff entries name states by name or id and transitions as `from:event` (or `from/event`); both map to graph ids. */
export function diffMarks(diff: SemanticDiff, graph: GraphDto, from: GraphDto | null): { marks: Map<string, DiffMark>; ghosts: GraphDto['nodes'] } {
  const marks = new Map<string, DiffMark>();
  const ghosts: GraphDto['nodes'] = [];
  const find = (g: GraphDto | null, key: string) => g?.nodes.find((n) => n.id === key) ?? g?.nodes.find((n) => n.name === key);
  for (const kind of ['added', 'changed'] as const) {
    for (const s of diff.states?.[kind] ?? []) {
      const n = find(graph, s);
      if (n) marks.set(n.id, kind);
    }
    for (const tr of diff.transitions?.[kind] ?? []) {
      const m = /^(.*)[:/ ]([^:/ ]+)$/.exec(tr);
      if (m) {
        const n = find(graph, m[1]);
        if (n) marks.set(`${n.id}:${m[2]}`, kind);
      }
    }
  }
  for (const s of diff.states?.removed ?? []) {
    const n = find(from, s);
    if (n) {
      marks.set(n.id, 'removed');
      ghosts.push(n);
    }
  }
  return { marks, ghosts };
}

interface Props {
  code: string;
  graph: GraphDto | null;
  onPublished: () => void;
  onDiff: (d: { marks: Map<string, DiffMark>; ghosts: GraphDto['nodes'] } | null) => void;
  onSaveFirst: () => Promise<void>;
}

export function VersionsPanel({ code, graph, onPublished, onDiff, onSaveFirst }: Props) {
  const { t } = useI18n();
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('draft');
  const [diff, setDiff] = useState<SemanticDiff | null>(null);

  const load = () => api.versions(code).then(setVersions, (e: Error) => setMessage(e.message));
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);
  useEffect(() => {
    if (!from && versions.length > 0) setFrom(String(versions[0].version));
  }, [versions, from]);

  const publish = async () => {
    setProblems([]);
    try {
      await onSaveFirst();
      const r = await api.publish(code);
      setMessage(t('publishedVersion', { v: r.version }));
      onPublished();
      await load();
    } catch (e) {
      setMessage((e as Error).message);
      if (e instanceof ApiError) setProblems(e.diagnostics);
    }
  };

  const showDiff = async () => {
    try {
      const d = await api.diff(code, Number(from), to === 'draft' ? 'draft' : Number(to));
      setDiff(d);
      const fromGraph = (await api.version(code, Number(from)).catch(() => null))?.graph ?? null;
      const toGraph = to === 'draft' ? graph : ((await api.version(code, Number(to)).catch(() => null))?.graph ?? graph);
      if (toGraph) onDiff(diffMarks(d, toGraph, fromGraph));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  return (
    <div className="versions" data-testid="versions">
      <div className="row">
        <button type="button" onClick={() => void publish()} data-testid="publish">
          {t('publish')}
        </button>
        {message && <span role="status" data-testid="versions-message">{message}</span>}
      </div>
      {problems.length > 0 && (
        <ul className="error">
          {problems.map((p, i) => (
            <li key={i}>
              {p.code}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <table className="grid" data-testid="version-list">
        <thead>
          <tr>
            <th>{t('version')}</th>
            <th>{t('publishedAt')}</th>
            <th>{t('publishedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{new Date(v.publishedAt).toLocaleString()}</td>
              <td>{v.publishedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <label>
          {t('diffFrom')}{' '}
          <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('diffTo')}{' '}
          <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
            <option value="draft">{t('draft')}</option>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!from} onClick={() => void showDiff()} data-testid="show-diff">
          {t('showDiff')}
        </button>
        <button type="button" onClick={() => (onDiff(null), setDiff(null))}>
          {t('clearDiff')}
        </button>
      </div>
      {diff && (
        <div className="diff-summary" data-testid="diff-summary">
          {(['states', 'transitions', 'materials', 'rules'] as const).map((k) => (
            <div key={k}>
              <strong>{k}</strong>:{' '}
              {(['added', 'removed', 'changed'] as const).map((kind) =>
                (diff[k]?.[kind] ?? []).map((x) => (
                  <span key={kind + x} className={`tag diff-${kind}`}>
                    {t(kind)} {x}
                  </span>
                )),
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
