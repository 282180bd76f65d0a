import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { api, ConflictError, errorText } from '../api/client';
import type { Diagnostic, GraphDto } from '../api/types';
import { GraphCanvas, type CanvasApi, type DropInfo } from '../components/GraphCanvas';
import { Inspector } from '../components/Inspector';
import { ProblemsPanel } from '../components/ProblemsPanel';
import { SimulationPanel } from '../components/SimulationPanel';
import { VersionsPanel } from '../components/VersionsPanel';
import { YamlEditor, type Mark } from '../components/YamlEditor';
import { autoLayout } from '../graph/autoLayout';
import { absolutePositions, edgeForPath, freeSpot, mapGraph, nodeForPath, type DiffMark, type Positions } from '../graph/mapGraph';
import { renamePositions } from '../graph/positions';
import type { Selection } from '../graph/selection';
import { fixOf, messageOf } from '../i18n/diagnosticTitles';
import { useI18n } from '../i18n/i18n';
import { isComposing } from '../ime';
import { History, type Snapshot } from '../state/history';
import {
  addState,
  addTransition,
  deleteState,
  deleteTransition,
  moveState,
  pasteState,
  splitId,
  statePath,
  stateData,
  stateNames,
  uniqueName,
} from '../yaml/definitionEdits';
import { deleteIn, parseYaml, rangeOf, setIn, type Path } from '../yaml/yamlText';

/** Above this many nodes the editor opens on the start of the flow instead of fitting everything. */
const LARGE_GRAPH = 80;

export function pathSegments(path: string): Path {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + Math.max(0, column - 1);
}

export function Editor({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const history = useRef<History | null>(null);
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [name, setName] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [graph, setGraph] = useState<GraphDto | null>(null);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [selected, setSelected] = useState<Selection>(null);
  const [tab, setTab] = useState<'problems' | 'simulation' | 'versions'>('problems');
  const [active, setActive] = useState<Set<string>>(new Set());
  const [diff, setDiff] = useState<{ marks: Map<string, DiffMark>; ghosts: GraphDto['nodes'] } | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [conflict, setConflict] = useState<string | number | null>(null);
  const [yamlSelection, setYamlSelection] = useState<{ from: number; to: number; seq: number } | null>(null);
  const revision = useRef<string | number>(0);
  const savedYaml = useRef('');
  const savedLayout = useRef('');
  const clipboard = useRef<{ name: string; data: unknown } | null>(null);
  const canvas = useRef<CanvasApi>(null);
  const lastGoodDefinition = useRef<unknown>(null);
  // The text the diagnostics and graph on screen belong to (the server checked the loaded text already).
  const validatedYaml = useRef<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.getDefinition(code), api.getLayout(code).catch(() => null)])
      .then(async ([doc, layout]) => {
        const stored = layout?.positions ?? {};
        // Nodes without a stored position are laid out before the first picture, so nothing jumps once it is drawn
        // (and a large graph is not drawn twice); the positions are saved to the sidecar a moment later.
        const missing = doc.graph?.nodes.some((n) => n.kind !== 'Branch' && !stored[n.id]);
        const laid = missing && doc.graph ? await autoLayout(doc.graph).catch(() => ({})) : {};
        return { doc, stored, positions: { ...laid, ...stored } };
      })
      .then(
        ({ doc, stored, positions }) => {
          if (cancelled) return;
          history.current = new History({ yaml: doc.yaml, positions });
          revision.current = doc.revision;
          savedYaml.current = doc.yaml;
          validatedYaml.current = doc.yaml;
          savedLayout.current = JSON.stringify(stored);
          setName(doc.model?.name ?? code);
          setGraph(doc.graph);
          setDiagnostics(doc.diagnostics ?? []);
          setSnap(history.current.present);
        },
        (e: unknown) => setLoadError(errorText(e, lang, t('unauthorized'))),
      );
    return () => {
      cancelled = true;
    };
  }, [code, t]);

  const commit = useCallback((next: Snapshot, group?: string) => {
    const h = history.current;
    if (h && h.push(next, group)) setSnap(h.present);
  }, []);

  const edit = useCallback(
    (fn: (yaml: string, positions: Positions) => { yaml: string; positions?: Positions } | string, group?: string) => {
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

  const undo = useCallback(() => {
    const s = history.current?.undo();
    if (s) setSnap(s);
  }, []);
  const redo = useCallback(() => {
    const s = history.current?.redo();
    if (s) setSnap(s);
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

  const validation = useRef(0);
  useEffect(() => {
    if (!snap || parsed.errors.length > 0 || yamlText === validatedYaml.current) return;
    const seq = ++validation.current;
    const timer = setTimeout(() => {
      api.validate(yamlText).then(
        (r) => {
          if (seq !== validation.current) return;
          validatedYaml.current = yamlText;
          setDiagnostics(r.diagnostics ?? []);
          // An unchanged graph keeps its object, so a large diagram is not mapped and drawn again for nothing.
          if (r.graph) setGraph((g) => (g && JSON.stringify(g) === JSON.stringify(r.graph) ? g : r.graph));
        },
        (e: unknown) => seq === validation.current && setStatus({ text: errorText(e, lang), error: true }),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [yamlText, parsed, snap]);

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
      if (missing.length === graph.nodes.filter((n) => n.kind !== 'Branch').length) setTimeout(() => canvas.current?.fit(), 50);
    });
    return () => {
      cancelled = true;
    };
  }, [graph]);

  // The layout sidecar is saved on its own, a moment after the last move.
  const positions = snap?.positions;
  useEffect(() => {
    if (!positions) return;
    const json = JSON.stringify(positions);
    if (json === savedLayout.current) return;
    const timer = setTimeout(() => {
      api.putLayout(code, { version: 1, positions }).then(() => (savedLayout.current = json)).catch(() => undefined);
    }, 600);
    return () => clearTimeout(timer);
  }, [positions, code]);

  const allDiagnostics = useMemo(() => {
    const local: Diagnostic[] = parseMarks.map((m) => {
      const before = yamlText.slice(0, m.from);
      const line = before.split('\n').length;
      return { code: 'YAML', severity: 'error', message: m.message, line, column: m.from - before.lastIndexOf('\n'), path: null };
    });
    return [...local, ...diagnostics];
  }, [parseMarks, diagnostics, yamlText]);

  const problemTargets = useMemo(() => {
    const byNode = new Map<string, Diagnostic[]>();
    const byEdge = new Map<string, Diagnostic[]>();
    if (graph) {
      for (const d of diagnostics) {
        const e = edgeForPath(d.path, graph, definition);
        if (e) byEdge.set(e, [...(byEdge.get(e) ?? []), d]);
        const n = nodeForPath(d.path, graph, definition);
        if (n) byNode.set(n, [...(byNode.get(n) ?? []), d]);
      }
    }
    return { byNode, byEdge };
  }, [diagnostics, graph, definition]);

  const marks: Mark[] = useMemo(() => {
    const out = [...parseMarks];
    for (const d of diagnostics) {
      const r = d.path ? rangeOf(yamlText, pathSegments(d.path)) : undefined;
      const from = r ? r[0] : d.line ? offsetOf(yamlText, d.line, d.column ?? 1) : undefined;
      if (from === undefined) continue;
      const to = r ? r[1] : yamlText.indexOf('\n', from) < 0 ? yamlText.length : yamlText.indexOf('\n', from);
      out.push({ from, to, severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info', message: `${d.code}: ${messageOf(d, lang)}${fixOf(d, lang) ? ` (${fixOf(d, lang)})` : ''}` });
    }
    return out;
  }, [parseMarks, diagnostics, yamlText, lang]);

  const shownGraph = useMemo(() => {
    if (!graph) return null;
    if (!diff || diff.ghosts.length === 0) return graph;
    const ids = new Set(graph.nodes.map((n) => n.id));
    return { nodes: [...graph.nodes, ...diff.ghosts.filter((g) => !ids.has(g.id) && (!g.parent || ids.has(g.parent)))], edges: graph.edges };
  }, [graph, diff]);

  const mapped = useMemo(
    () =>
      shownGraph && snap
        ? mapGraph(shownGraph, {
            positions: snap.positions,
            definition,
            problemsByNode: problemTargets.byNode,
            problemsByEdge: problemTargets.byEdge,
            active,
            diff: diff?.marks,
          })
        : { nodes: [], edges: [] },
    [shownGraph, snap, definition, problemTargets, active, diff],
  );

  // A large diagram opens on its start at a readable zoom (the whole of it would be specks); 适应视图 still shows all.
  const openOn = useMemo(() => {
    if (!graph || graph.nodes.length <= LARGE_GRAPH) return undefined;
    const start = graph.nodes.find((n) => n.initial && !n.parent) ?? graph.nodes[0];
    return [start.id, ...graph.edges.filter((e) => e.from === start.id).map((e) => e.to)];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph === null]);

  const regionOfSelection = (): string => {
    if (!selected || selected.type !== 'node' || !graph) return '';
    const n = graph.nodes.find((x) => x.id === selected.id);
    if (!n) return '';
    if (n.kind === 'Branch') return n.id;
    return n.parent ?? '';
  };

  const addNewState = () => {
    const region = regionOfSelection();
    const doc = parseYaml(history.current!.present.yaml);
    const stateName = uniqueName(stateNames(doc, region), 'state');
    const c = canvas.current?.center() ?? { x: 0, y: 0 };
    const id = region ? `${region}/${stateName}` : stateName;
    const lane = region ? mapped.nodes.find((n) => n.id === region) : undefined;
    const position = lane
      ? { x: 16, y: 28 + 8 }
      : freeSpot(
          { x: Math.round(c.x - 88), y: Math.round(c.y - 32) },
          [...absolutePositions(mapped.nodes)].filter(([nid]) => !mapped.nodes.find((n) => n.id === nid)?.parentId).map(([, b]) => b),
        );
    edit((y, p) => ({ yaml: addState(y, region, stateName, t('newStateTitle')), positions: { ...p, [id]: position } }));
    setSelected({ type: 'node', id });
    setTimeout(() => {
      canvas.current?.select(id);
      (document.querySelector('[data-testid=inspector-title]') as HTMLInputElement | null)?.select();
    }, 400);
  };

  const deleteSelected = () => {
    if (!selected || !graph) return;
    if (selected.type === 'node') {
      const n = graph.nodes.find((x) => x.id === selected.id);
      if (!n) return;
      if (n.kind === 'Branch') {
        edit((y) => deleteIn(y, [...pathOfBranch(y, n.id)]));
      } else {
        edit((y, p) => {
          const rest = { ...p };
          for (const k of Object.keys(rest)) if (k === n.id || k.startsWith(n.id + '/')) delete rest[k];
          return { yaml: deleteState(y, n.id), positions: rest };
        });
      }
    } else {
      const e = mapped.edges.find((x) => x.id === selected.id);
      if (!e?.data) return;
      if (e.data.kind === 'transition' && e.data.event) edit((y) => deleteTransition(y, e.data!.from, e.data!.event!));
      else if (e.data.kind === 'timer') {
        const duration = String(e.label ?? '').replace(/^after /, '');
        edit((y) => {
          const doc = parseYaml(y);
          const sp = statePathOf(doc, e.data!.from);
          return deleteIn(y, [...sp, 'after', duration]);
        });
      }
    }
    setSelected(null);
  };

  const copySelected = () => {
    if (selected?.type !== 'node') return;
    clipboard.current = { name: splitId(selected.id).name, data: stateData(history.current!.present.yaml, selected.id) };
    setStatus({ text: `${t('copy')}: ${selected.id}` });
  };

  const paste = () => {
    const clip = clipboard.current;
    if (!clip) return;
    const region = regionOfSelection();
    const h = history.current!;
    const { text, name: fresh } = pasteState(h.present.yaml, region, clip.name, clip.data);
    const id = region ? `${region}/${fresh}` : fresh;
    const base = selected?.type === 'node' ? h.present.positions[selected.id] : undefined;
    const pos = base ? { x: base.x + 40, y: base.y + 80 } : canvas.current?.center() ?? { x: 0, y: 0 };
    commit({ yaml: text, positions: { ...h.present.positions, [id]: pos } });
    setSelected({ type: 'node', id });
  };

  const onDrop = (drops: DropInfo[]) => {
    edit((y, p) => {
      let yaml = y;
      let positions = { ...p };
      for (const d of drops) {
        const { region } = splitId(d.id);
        const node = graph?.nodes.find((n) => n.id === d.id);
        if (node && node.kind !== 'Branch' && d.region !== region && !(node.kind === 'Parallel' && d.region.startsWith(d.id))) {
          yaml = moveState(yaml, d.id, d.region);
          const newId = d.region ? `${d.region}/${node.name}` : node.name;
          positions = renamePositions(positions, d.id, newId);
          positions[newId] = d.regionPosition;
          setSelected({ type: 'node', id: newId });
        } else {
          positions[d.id] = d.position;
        }
      }
      return { yaml, positions };
    }, 'drag');
  };

  const onConnect = (from: string, to: string) => {
    const a = splitId(from);
    const b = splitId(to);
    if (a.region !== b.region) {
      setStatus({ text: `${from} → ${to}: ${t('error')}`, error: true });
      return;
    }
    const doc = parseYaml(history.current!.present.yaml);
    const on = doc.getIn([...statePathOf(doc, from), 'on']) as { items?: { key: { value: string } }[] } | undefined;
    const events = on?.items?.map((i) => String(i.key.value)) ?? [];
    const event = uniqueName(events, `to-${b.name}`);
    edit((y) => addTransition(y, from, event, b.name));
  };

  const save = async (force = false): Promise<boolean> => {
    const h = history.current;
    if (!h) return false;
    try {
      const base = force && conflict !== null ? conflict : revision.current;
      const r = await api.saveDraft(code, h.present.yaml, base);
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
    const doc = await api.getDefinition(code);
    revision.current = doc.revision;
    savedYaml.current = doc.yaml;
    commit({ yaml: doc.yaml, positions: history.current!.present.positions });
    setConflict(null);
    setStatus(null);
  };

  const selectProblem = (d: Diagnostic) => {
    if (graph && d.path) {
      const n = nodeForPath(d.path, graph, definition);
      const e = edgeForPath(d.path, graph, definition);
      // A transition to a state that does not exist has no edge on the graph: its state is selected instead.
      if (e && mapped.edges.some((x) => x.id === e)) setSelected({ type: 'edge', id: e });
      else if (n) {
        setSelected({ type: 'node', id: n });
        canvas.current?.select(n);
        canvas.current?.focusNode(n);
      }
    }
    const r = d.path ? rangeOf(yamlText, pathSegments(d.path)) : undefined;
    const from = r ? r[0] : d.line ? offsetOf(yamlText, d.line, d.column ?? 1) : 0;
    setYamlSelection({ from, to: r ? r[1] : from, seq: Date.now() });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (isComposing(e)) return;
    const target = e.target as HTMLElement;
    const typing = target.closest('input, textarea, select, .cm-editor') !== null;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (mod && k === 's') {
      e.preventDefault();
      void save();
      return;
    }
    if (typing) return;
    if (mod && k === 'z') {
      e.preventDefault();
      if (e.shiftKey) redo();
      else undo();
    } else if (mod && k === 'y') {
      e.preventDefault();
      redo();
    } else if (mod && k === 'c') copySelected();
    else if (mod && k === 'v') paste();
    else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      deleteSelected();
    } else if (e.altKey && k === 'n') {
      e.preventDefault();
      addNewState();
    } else if (e.key === 'F2') {
      e.preventDefault();
      (document.querySelector('[data-testid=inspector-title]') as HTMLInputElement | null)?.focus();
    }
  };

  if (loadError) return <p role="alert" className="error">{loadError}</p>;
  if (!snap) return <p>{t('loading')}</p>;

  const dirty = snap.yaml !== savedYaml.current;
  return (
    <div className="editor" onKeyDown={onKeyDown}>
      <div className="toolbar" role="toolbar" aria-label={t('graph')}>
        <Link to="/designer">← {t('back')}</Link>
        <strong data-testid="definition-name">
          {name} <span className="mono">{code}</span>
          {dirty ? ' •' : ''}
        </strong>
        <button type="button" onClick={undo} disabled={!history.current?.canUndo} data-testid="undo" title="Ctrl+Z">
          {t('undo')}
        </button>
        <button type="button" onClick={redo} disabled={!history.current?.canRedo} data-testid="redo" title="Ctrl+Shift+Z">
          {t('redo')}
        </button>
        <button type="button" onClick={addNewState} data-testid="add-state" title="Alt+N">
          {t('addState')}
        </button>
        <button type="button" onClick={deleteSelected} disabled={!selected} title="Delete">
          {t('delete')}
        </button>
        <button
          type="button"
          data-testid="auto-layout"
          onClick={() => graph && autoLayout(graph).then((p) => (commit({ yaml: history.current!.present.yaml, positions: p }), setTimeout(() => canvas.current?.fit(), 50)))}
        >
          {t('autoLayout')}
        </button>
        <button type="button" onClick={() => canvas.current?.fit()}>
          {t('fitView')}
        </button>
        <span className="spacer" />
        <button type="button" onClick={() => void save()} data-testid="save-draft" title="Ctrl+S">
          {t('saveDraft')}
        </button>
      </div>
      {conflict !== null && (
        <div className="banner error" role="alert" data-testid="conflict">
          {t('conflict', { r: String(conflict) })} <button onClick={() => void reloadTheirs()}>{t('reloadTheirs')}</button>{' '}
          <button onClick={() => void save(true)}>{t('overwrite')}</button>
        </div>
      )}
      {status && conflict === null && (
        <div className={`banner ${status.error ? 'error' : ''}`} role="status" data-testid="status">
          {status.text}
        </div>
      )}
      {parseMarks.length > 0 && (
        <div className="banner error" role="alert" data-testid="yaml-invalid">
          {t('yamlInvalid')}: {parseMarks[0].message.split('\n')[0]}
        </div>
      )}
      <div className="workspace">
        <section className="graph-pane" aria-label={t('graph')} data-testid="graph">
          <ReactFlowProvider>
            <GraphCanvas
              nodes={mapped.nodes}
              edges={mapped.edges}
              onSelect={setSelected}
              onDrop={onDrop}
              onConnect={onConnect}
              apiRef={canvas}
              openOn={openOn}
              label={t('graph')}
            />
          </ReactFlowProvider>
        </section>
        <aside className="inspector-pane" aria-label={t('inspector')}>
          <Inspector yaml={snap.yaml} definition={definition} graph={graph} selected={selected} edges={mapped.edges} edit={edit} onSelect={setSelected} />
        </aside>
        <section className="yaml-pane" aria-label={t('yaml')}>
          <YamlEditor
            value={snap.yaml}
            onChange={(text) => commit({ yaml: text, positions: history.current!.present.positions }, 'yaml')}
            onUndo={undo}
            onRedo={redo}
            marks={marks}
            selection={yamlSelection}
            label={t('yaml')}
          />
        </section>
      </div>
      <div className="editor-bottom">
        <div role="tablist" aria-label={t('problems')}>
          {(['problems', 'simulation', 'versions'] as const).map((k) => (
            <button key={k} role="tab" aria-selected={tab === k} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
              {t(k)}
              {k === 'problems' && allDiagnostics.length > 0 ? ` (${allDiagnostics.length})` : ''}
            </button>
          ))}
          <span className="hint">{t('shortcuts')}</span>
        </div>
        <div role="tabpanel" className="tabpanel">
          {tab === 'problems' && <ProblemsPanel diagnostics={allDiagnostics} onSelect={selectProblem} />}
          {tab === 'simulation' && graph && <SimulationPanel yaml={snap.yaml} graph={graph} definition={definition} onActive={setActive} />}
          {tab === 'versions' && (
            <VersionsPanel
              code={code}
              graph={graph}
              onPublished={() => {
                savedYaml.current = history.current!.present.yaml;
              }}
              onDiff={setDiff}
              onSaveFirst={saveForPublish}
            />
          )}
        </div>
      </div>
    </div>
  );
}

function statePathOf(doc: ReturnType<typeof parseYaml>, id: string): Path {
  return statePath(doc, id);
}

function pathOfBranch(yaml: string, id: string): Path {
  return statePath(parseYaml(yaml), id);
}
