import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { Diagnostic, GraphDto } from '../api/types';
import { GraphCanvas, type CanvasApi, type DropInfo } from '../components/GraphCanvas';
import { Inspector } from '../components/Inspector';
import { ProblemsPanel } from '../components/ProblemsPanel';
import { SimulationPanel } from '../components/SimulationPanel';
import { VersionsPanel } from '../components/VersionsPanel';
import { YamlEditor, type Mark } from '../components/YamlEditor';
import { autoLayout } from '../graph/autoLayout';
import { absolutePositions, edgeForPath, freeSpot, mapGraph, nodeForPath, type DiffMark } from '../graph/mapGraph';
import { renamePositions } from '../graph/positions';
import type { Selection } from '../graph/selection';
import { fixOf, messageOf } from '../i18n/diagnosticTitles';
import { useI18n } from '../i18n/i18n';
import { isComposing } from '../ime';
import { useDefinitionDocument } from '../state/useDefinitionDocument';
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
import { deleteIn, parseYaml, rangeOf, type Path } from '../yaml/yamlText';

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
  const [selected, setSelected] = useState<Selection>(null);
  const [tab, setTab] = useState<'problems' | 'simulation' | 'versions'>('problems');
  const [active, setActive] = useState<Set<string>>(new Set());
  const [diff, setDiff] = useState<{ marks: Map<string, DiffMark>; ghosts: GraphDto['nodes'] } | null>(null);
  const [yamlSelection, setYamlSelection] = useState<{ from: number; to: number; seq: number } | null>(null);
  const clipboard = useRef<{ name: string; data: unknown } | null>(null);
  const canvas = useRef<CanvasApi>(null);
  const {
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
    dirty,
    canUndo,
    canRedo,
    present,
    commit,
    edit,
    undo,
    redo,
    save,
    saveForPublish,
    reloadTheirs,
    markPublished,
  } = useDefinitionDocument(code, () => setTimeout(() => canvas.current?.fit(), 50));

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
    const doc = parseYaml(present().yaml);
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
    clipboard.current = { name: splitId(selected.id).name, data: stateData(present().yaml, selected.id) };
    setStatus({ text: `${t('copy')}: ${selected.id}` });
  };

  const paste = () => {
    const clip = clipboard.current;
    if (!clip) return;
    const region = regionOfSelection();
    const cur = present();
    const { text, name: fresh } = pasteState(cur.yaml, region, clip.name, clip.data);
    const id = region ? `${region}/${fresh}` : fresh;
    const base = selected?.type === 'node' ? cur.positions[selected.id] : undefined;
    const pos = base ? { x: base.x + 40, y: base.y + 80 } : canvas.current?.center() ?? { x: 0, y: 0 };
    commit({ yaml: text, positions: { ...cur.positions, [id]: pos } });
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
    const doc = parseYaml(present().yaml);
    const on = doc.getIn([...statePathOf(doc, from), 'on']) as { items?: { key: { value: string } }[] } | undefined;
    const events = on?.items?.map((i) => String(i.key.value)) ?? [];
    const event = uniqueName(events, `to-${b.name}`);
    edit((y) => addTransition(y, from, event, b.name));
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

  return (
    <div className="editor" onKeyDown={onKeyDown}>
      <div className="toolbar" role="toolbar" aria-label={t('graph')}>
        <Link to="/designer">← {t('back')}</Link>
        <strong data-testid="definition-name">
          {name} <span className="mono">{code}</span>
          {dirty ? ' •' : ''}
        </strong>
        <button type="button" onClick={undo} disabled={!canUndo} data-testid="undo" title="Ctrl+Z">
          {t('undo')}
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} data-testid="redo" title="Ctrl+Shift+Z">
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
          onClick={() => graph && autoLayout(graph).then((p) => (commit({ yaml: present().yaml, positions: p }), setTimeout(() => canvas.current?.fit(), 50)))}
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
            onChange={(text) => commit({ yaml: text, positions: present().positions }, 'yaml')}
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
              onPublished={markPublished}
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
