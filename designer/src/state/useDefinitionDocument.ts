import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ConflictError, errorText } from '../api/client';
import { definitionQuery, invalidate, validationQuery } from '../api/queries';
import type { LayoutFile } from '../api/types';
import type { Diagnostic, GraphDto } from '../api/types';
import type { Mark } from '../components/YamlEditor';
import { autoLayout } from '../graph/autoLayout';
import type { Positions } from '../graph/mapGraph';
import { useI18n } from '../i18n/i18n';
import { History, type Snapshot } from './history';
import { useDebounced } from './useDebounced';
import { parseYaml, setIn } from '../yaml/yamlText';

export type Edit = (fn: (yaml: string, positions: Positions) => { yaml: string; positions?: Positions } | string, group?: string) => void;

/**
 * The document behind the editor page: the YAML text and positions with their undo history, the local parse and the
 * server's validation (graph and diagnostics), the layout sidecar, saving a draft with its revision and conflicts.
 * `onLaidOutAll` runs when every node had to be laid out (the page fits the view then).
 */
export function useDefinitionDocument(code: string, onLaidOutAll?: () => void) {
  const { t, lang } = useI18n();
  const history = useRef<History | null>(null);
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [name, setName] = useState('');
  const [graph, setGraph] = useState<GraphDto | null>(null);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [conflict, setConflict] = useState<string | number | null>(null);
  const revision = useRef<string | number>(0);
  const savedYaml = useRef('');
  const savedLayout = useRef('');
  const lastGoodDefinition = useRef<unknown>(null);
  const queryClient = useQueryClient();
  // The text the diagnostics and graph on screen belong to (the server checked the loaded text already).
  const validatedYaml = useRef<string | null>(null);
  const laidOutAll = useRef(onLaidOutAll);
  laidOutAll.current = onLaidOutAll;

  // The stored document and its layout sidecar, read once per opening of the editor: from then on the undo history owns
  // the text (a save carries the revision it started from, so a change made elsewhere shows as a conflict, never as
  // a silent reload). Not kept after the editor closes, so the next opening reads the draft afresh.
  const stored = useQuery({
    queryKey: ['editor', code],
    queryFn: async ({ signal }) => {
      const client = api.withSignal(signal);
      const [doc, layout] = await Promise.all([client.getDefinition(code), client.getLayout(code).catch((): LayoutFile | null => null)]);
      return { doc, layout };
    },
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const loadError = stored.error ? errorText(stored.error, lang, t('unauthorized')) : null;

  useEffect(() => {
    if (!stored.data || history.current) return undefined;
    const { doc, layout } = stored.data;
    const storedPositions = layout?.positions ?? {};
    let cancelled = false;
    // Nodes without a stored position are laid out before the first picture, so nothing jumps once it is drawn
    // (and a large graph is not drawn twice); the positions are saved to the sidecar a moment later.
    const missing = doc.graph?.nodes.some((n) => n.kind !== 'Branch' && !storedPositions[n.id]);
    void (missing && doc.graph ? autoLayout(doc.graph, true).catch(() => ({})) : Promise.resolve({})).then((laid) => {
      if (cancelled || history.current) return;
      history.current = new History({ yaml: doc.yaml, positions: { ...laid, ...storedPositions } });
      revision.current = doc.revision;
      savedYaml.current = doc.yaml;
      validatedYaml.current = doc.yaml;
      savedLayout.current = JSON.stringify(storedPositions);
      setName(doc.model?.name ?? code);
      setGraph(doc.graph ?? null);
      setDiagnostics(doc.diagnostics ?? []);
      setSnap(history.current.present);
    });
    return () => {
      cancelled = true;
    };
  }, [stored.data, code]);

  /** The present snapshot (call only once the document is loaded). */
  const present = useCallback((): Snapshot => history.current!.present, []);

  const commit = useCallback((next: Snapshot, group?: string) => {
    const h = history.current;
    if (h && h.push(next, group)) setSnap(h.present);
  }, []);

  const edit: Edit = useCallback(
    (fn, group) => {
      const h = history.current;
      if (!h) return;
      try {
        const r = fn(h.present.yaml, h.present.positions);
        const next = typeof r === 'string' ? { yaml: r, positions: h.present.positions } : { yaml: r.yaml, positions: r.positions ?? h.present.positions };
        commit(next, group);
        setStatus(null);
      } catch (e) {
        setStatus({ text: (e as Error).message, error: true });
      }
    },
    [commit],
  );

  // Counts undos and redos, so the inspector's fields drop uncommitted text and show the document again (HistoryEpoch).
  const [epoch, setEpoch] = useState(0);
  const undo = useCallback(() => {
    const s = history.current?.undo();
    if (s) setSnap(s);
    setEpoch((n) => n + 1);
  }, []);
  const redo = useCallback(() => {
    const s = history.current?.redo();
    if (s) setSnap(s);
    setEpoch((n) => n + 1);
  }, []);

  // Local parse first: YAML that cannot be read keeps the last good graph and is marked in the editor.
  const yamlText = snap?.yaml ?? '';
  const parsed = useMemo(() => parseYaml(yamlText), [yamlText]);
  const parseMarks: Mark[] = useMemo(
    () =>
      parsed.errors.map((e) => ({
        from: e.pos[0],
        to: Math.max(e.pos[1], e.pos[0] + 1),
        severity: 'error' as const,
        message: e.message,
      })),
    [parsed],
  );
  const definition = useMemo(() => {
    if (parsed.errors.length === 0) lastGoodDefinition.current = parsed.toJS();
    return lastGoodDefinition.current;
  }, [parsed]);

  // The server checks the text a moment after the last keystroke (a query per text: a newer text cancels the check of
  // an older one, and undoing back to a checked text asks nothing). Unreadable YAML is not sent.
  const settledYaml = useDebounced(yamlText, 250);
  const checking = snap !== null && parsed.errors.length === 0 && settledYaml === yamlText && yamlText !== validatedYaml.current;
  const validation = useQuery({ ...validationQuery(settledYaml), enabled: checking });
  useEffect(() => {
    const r = validation.data;
    if (!r || settledYaml !== yamlText) return;
    validatedYaml.current = settledYaml;
    setDiagnostics(r.diagnostics ?? []);
    // An unchanged graph keeps its object, so a large diagram is not mapped and drawn again for nothing.
    const next = r.graph;
    if (next) setGraph((g) => (g && JSON.stringify(g) === JSON.stringify(next) ? g : next));
  }, [validation.data, settledYaml, yamlText]);
  useEffect(() => {
    if (validation.error) setStatus({ text: errorText(validation.error, lang), error: true });
  }, [validation.error, lang]);

  // Nodes without a position (first open, or typed into the YAML) get one from elk; placed nodes never move.
  useEffect(() => {
    const h = history.current;
    if (!graph || !h) return;
    const missing = graph.nodes.filter((n) => n.kind !== 'Branch' && !h.present.positions[n.id]);
    if (missing.length === 0) return;
    let cancelled = false;
    autoLayout(graph).then((laid) => {
      if (cancelled || !history.current) return;
      const present = history.current.present;
      const positions = { ...present.positions };
      for (const n of graph.nodes) if (!positions[n.id] && laid[n.id]) positions[n.id] = laid[n.id];
      history.current.replace({ ...present, positions });
      setSnap(history.current.present);
      if (missing.length === graph.nodes.filter((n) => n.kind !== 'Branch').length) laidOutAll.current?.();
    });
    return () => {
      cancelled = true;
    };
  }, [graph]);

  // The layout sidecar is saved on its own, a moment after the last move.
  const positions = snap?.positions;
  const layoutSaving = useMutation({
    mutationFn: (p: Positions) => api.putLayout(code, { version: 1, positions: p }),
    onSuccess: (_, p) => {
      savedLayout.current = JSON.stringify(p);
    },
  });
  const saveLayout = layoutSaving.mutate;
  useEffect(() => {
    if (!positions) return;
    if (JSON.stringify(positions) === savedLayout.current) return;
    const timer = setTimeout(() => saveLayout(positions), 600);
    return () => clearTimeout(timer);
  }, [positions, saveLayout]);

  const allDiagnostics = useMemo(() => {
    const local: Diagnostic[] = parseMarks.map((m) => {
      const before = yamlText.slice(0, m.from);
      const line = before.split('\n').length;
      return { code: 'YAML', severity: 'error', message: m.message, line, column: m.from - before.lastIndexOf('\n'), path: '' };
    });
    return [...local, ...diagnostics];
  }, [parseMarks, diagnostics, yamlText]);

  const drafting = useMutation({
    mutationFn: (v: { yaml: string; base: string | number }) => api.saveDraft(code, v.yaml, v.base),
    onSuccess: () => invalidate(queryClient, { kind: 'draftSaved', code }),
  });

  const save = async (force = false): Promise<boolean> => {
    const h = history.current;
    if (!h) return false;
    try {
      const base = force && conflict !== null ? conflict : revision.current;
      const r = await drafting.mutateAsync({ yaml: h.present.yaml, base });
      revision.current = r.revision;
      savedYaml.current = h.present.yaml;
      setConflict(null);
      setStatus({ text: t('saved', { r: String(r.revision) }) });
      return true;
    } catch (e) {
      if (e instanceof ConflictError) {
        setConflict(e.currentRevision ?? '?');
        setStatus({ text: t('conflict', { r: String(e.currentRevision ?? '?') }), error: true });
      } else setStatus({ text: errorText(e, lang), error: true });
      return false;
    }
  };

  // Published versions never change: a publish raises item.version above the latest one (an edit that can be undone).
  const saveForPublish = async (latest: number | null): Promise<boolean> => {
    const h = history.current;
    if (!h) return false;
    const version = Number(parseYaml(h.present.yaml).getIn(['item', 'version']));
    if (latest !== null && !(version > latest)) edit((y) => setIn(y, ['item', 'version'], latest + 1));
    return save();
  };

  const reloadTheirs = async () => {
    const doc = await queryClient.fetchQuery({ ...definitionQuery(code), staleTime: 0 });
    revision.current = doc.revision;
    savedYaml.current = doc.yaml;
    commit({ yaml: doc.yaml, positions: history.current!.present.positions });
    setConflict(null);
    setStatus(null);
  };

  /** A publish stored the present text: it is no longer unsaved. */
  const markPublished = () => {
    savedYaml.current = history.current!.present.yaml;
  };

  return {
    snap,
    name,
    loadError,
    graph,
    diagnostics,
    allDiagnostics,
    parseMarks,
    definition,
    yamlText,
    status,
    setStatus,
    conflict,
    dirty: snap !== null && snap.yaml !== savedYaml.current,
    epoch,
    canUndo: history.current?.canUndo ?? false,
    canRedo: history.current?.canRedo ?? false,
    present,
    commit,
    edit,
    undo,
    redo,
    save,
    saveForPublish,
    reloadTheirs,
    markPublished,
  };
}
