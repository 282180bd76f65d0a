import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { parse } from 'yaml';
import { api, ApiError, errorText } from '../api/client';
import { useDirectory } from '../api/directory';
import { diffQuery, invalidate, versionQuery, versionsQuery } from '../api/queries';
import type { Diagnostic, GraphDto, SemanticDiff, VersionInfo } from '../api/types';
import { when } from '../console/describe';
import type { DiffMark } from '../graph/mapGraph';
import { messageOf } from '../i18n/diagnosticTitles';
import { changeWords } from '../names/locations';
import { MigrationPanel } from './MigrationPanel';
import { VersionSelect } from './VersionSelect';
import { useSay } from '../names/words';

/** The graph id of a state named in a diff key: `main:issuing` → `issuing`, `approval/market:reviewing` → `approval/market/reviewing`. */
export function stateIdOfKey(key: string): string | undefined {
  const at = key.lastIndexOf(':');
  if (at < 0) return undefined;
  const region = key.slice(0, at);
  const name = key.slice(at + 1);
  if (region.startsWith('fragment ')) return undefined;
  return region === 'main' ? name : `${region}/${name}`;
}

/**
 * The server's semantic changes drawn on the graph: states, their limits and branches mark nodes and lanes, transitions
 * (`main:issuing+issue`) mark edges (`issuing:issue`); removed states come back as ghosts from the older graph.
 */
export function diffMarks(diff: Pick<SemanticDiff, 'changes'>, graph: GraphDto, from: GraphDto | null): { marks: Map<string, DiffMark>; ghosts: GraphDto['nodes'] } {
  const marks = new Map<string, DiffMark>();
  const ghosts: GraphDto['nodes'] = [];
  const has = (g: GraphDto | null, id: string) => g?.nodes.find((n) => n.id === id);
  const mark = (id: string, kind: DiffMark) => {
    if (!marks.has(id) || kind !== 'changed') marks.set(id, kind);
  };
  for (const c of diff.changes ?? []) {
    if (c.area === 'state') {
      const id = stateIdOfKey(c.key);
      if (!id) continue;
      if (c.kind === 'removed') {
        const n = has(from, id);
        if (n && !has(graph, id)) {
          ghosts.push(n);
          marks.set(id, 'removed');
        }
      } else if (has(graph, id)) mark(id, c.kind);
    } else if (c.area === 'limit' && (c.key.startsWith('state ') || c.key.startsWith('branch '))) {
      const rest = c.key.slice(c.key.indexOf(' ') + 1);
      const id = c.key.startsWith('state ') ? stateIdOfKey(rest) : rest;
      if (id && has(graph, id)) mark(id, 'changed');
    } else if (c.area === 'branch') {
      if (has(graph, c.key)) mark(c.key, c.kind === 'removed' ? 'changed' : c.kind);
    } else if (c.area === 'transition') {
      const plus = c.key.indexOf('+');
      const id = plus < 0 ? undefined : stateIdOfKey(c.key.slice(0, plus));
      if (id) marks.set(`${id}:${c.key.slice(plus + 1).replace(/#\d+$/, '')}`, c.kind);
    }
  }
  return { marks, ghosts };
}

const noVersions: VersionInfo[] = [];

interface Props {
  code: string;
  graph: GraphDto | null;
  /** The draft as parsed: a change is named by the titles of the version it is in (the older one for a removal). */
  definition?: unknown;
  onPublished: () => void;
  onDiff: (d: { marks: Map<string, DiffMark>; ghosts: GraphDto['nodes'] } | null) => void;
  /** Saves the draft (raising item.version above the latest published one first); false when it could not. */
  onSaveFirst: (latest: number | null) => Promise<boolean>;
}

const readYaml = (text: string | undefined): unknown => {
  try {
    return text ? parse(text) : undefined;
  } catch {
    return undefined;
  }
};

export function VersionsPanel({ code, graph, definition, onPublished, onDiff, onSaveFirst }: Props) {
  const { t, lang } = useSay();
  const directory = useDirectory();
  const [sides, setSides] = useState<{ before: unknown; after: unknown }>({ before: undefined, after: undefined });
  const listed = useQuery(versionsQuery(code));
  const versions = listed.data ?? noVersions;
  const [said, setMessage] = useState<string | null>(null);
  const message = said ?? (listed.error ? errorText(listed.error, lang) : null);
  const queryClient = useQueryClient();
  const publishing = useMutation({ mutationFn: () => api.publish(code), onSuccess: () => invalidate(queryClient, { kind: 'published', code }) });
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('draft');
  const [diff, setDiff] = useState<SemanticDiff | null>(null);
  const [justPublished, setJustPublished] = useState<number | null>(null);

  useEffect(() => {
    if (!from && versions.length > 0) setFrom(String(versions[0].version));
  }, [versions, from]);

  const publish = async () => {
    setProblems([]);
    try {
      if (!(await onSaveFirst(versions.length ? versions[versions.length - 1].version : null))) return;
      const r = await publishing.mutateAsync();
      setMessage(t('publishedVersion', { v: r.version }));
      setJustPublished(r.version);
      onPublished();
    } catch (e) {
      setMessage(errorText(e, lang));
      if (e instanceof ApiError) setProblems(e.diagnostics);
    }
  };

  const showDiff = async () => {
    try {
      // The diff against the draft is fetched afresh (the draft changes as it is saved); published versions are cached.
      const d = await queryClient.fetchQuery({ ...diffQuery(code, Number(from), to === 'draft' ? 'draft' : Number(to)), staleTime: 0 });
      const version = (v: number) => queryClient.fetchQuery(versionQuery(code, v)).catch(() => null);
      const fromDoc = await version(Number(from));
      const toDoc = to === 'draft' ? null : await version(Number(to));
      setSides({ before: readYaml(fromDoc?.yaml), after: to === 'draft' ? definition : (readYaml(toDoc?.yaml) ?? definition) });
      setDiff(d);
      const fromGraph = fromDoc?.graph ?? null;
      const toGraph = to === 'draft' ? graph : (toDoc?.graph ?? graph);
      if (toGraph) onDiff(diffMarks(d, toGraph, fromGraph));
    } catch (e) {
      setMessage(errorText(e, lang));
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
              {p.code}: {messageOf(p, lang)}
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
              <td>{when(v.publishedAt)}</td>
              <td>{v.author}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <VersionSelect label={t('diffFrom')} value={from} versions={versions} onChange={setFrom} testId="diff-from" />
        <VersionSelect label={t('diffTo')} value={to} versions={versions} onChange={setTo} testId="diff-to" extra={<option value="draft">{t('draft')}</option>} />
        <button type="button" disabled={!from} onClick={() => void showDiff()} data-testid="show-diff">
          {t('showDiff')}
        </button>
        <button type="button" onClick={() => (onDiff(null), setDiff(null))}>
          {t('clearDiff')}
        </button>
      </div>
      {diff && (
        <div className="diff-summary" data-testid="diff-summary">
          {diff.changes.length === 0 && <span>{t('noChanges')}</span>}
          {diff.changes.map((c, i) => (
            <span key={i} className={`tag diff-${c.kind}`} data-testid="diff-change" title={[`${c.area} ${c.key}${c.field ? ` · ${c.field}` : ''}`, [c.before, c.after].filter(Boolean).join(' → ')].filter(Boolean).join('\n')}>
              {t(c.kind)} {changeWords(c, c.kind === 'removed' ? sides.before : sides.after, { t, departments: directory.departments })}
            </span>
          ))}
        </div>
      )}
      <MigrationPanel code={code} versions={versions} published={justPublished} />
    </div>
  );
}
