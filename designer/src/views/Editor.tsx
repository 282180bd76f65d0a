import { lazy, Suspense, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Diagnostic, GraphDto } from '../api/types';
import type { CanvasApi } from '../components/GraphCanvas';
import { ProblemsPanel } from '../components/ProblemsPanel';
import { SimulationPanel } from '../components/SimulationPanel';
import { VersionsPanel } from '../components/VersionsPanel';
import { CanvasPane } from '../editor/CanvasPane';
import { useConfirm } from '../editor/ConfirmDialog';
import { DropHint, type Dropped } from '../editor/DropHint';
import { MoveStateDialog } from '../editor/MoveStateDialog';
import { diagnosticMarks, diagnosticSelection, problemTargets } from '../editor/diagnosticMarks';
import { EditorTabs, type EditorTab } from '../editor/EditorTabs';
import { EditorToolbar } from '../editor/EditorToolbar';
import { InspectorPane } from '../editor/InspectorPane';
import { StatusBanners } from '../editor/StatusBanners';
import { useCanvasCommands } from '../editor/useCanvasCommands';
import { useInspectorHistory } from '../editor/useInspectorHistory';
import { YamlPane } from '../editor/YamlPane';
import { autoLayout } from '../graph/autoLayout';
import { useDesignView, ViewSwitch } from '../guided/ViewSwitch';
import { edgeForPath, mapGraph, nodeForPath, type DiffMark } from '../graph/mapGraph';
import { useStableGraph } from '../graph/stableGraph';
import { useDirectory } from '../api/directory';
import type { Selection } from '../graph/selection';
import { useSay } from '../names/words';
import { isComposing } from '../ime';
import { HistoryEpoch } from '../state/historyKeys';
import { useDefinitionDocument } from '../state/useDefinitionDocument';

/** The guided mode (and pinyin-pro, for its ids) is loaded when first chosen. */
const GuidedPane = lazy(() => import('../guided/GuidedPane').then((m) => ({ default: m.GuidedPane })));

/** Above this many nodes the editor opens on the start of the flow instead of fitting everything. */
const LARGE_GRAPH = 80;

/**
 * The designer's editor page: the document (useDefinitionDocument) and what is on screen around it — the selection,
 * the bottom tab, the simulation's active states, a version diff — laid out in the presentational panes of src/editor.
 */
export function Editor({ code }: { code: string }) {
  const { t, lang } = useSay();
  const [selected, setSelected] = useState<Selection>(null);
  const [tab, setTab] = useState<EditorTab>('problems');
  const [active, setActive] = useState<Set<string>>(new Set());
  const [diff, setDiff] = useState<{ marks: Map<string, DiffMark>; ghosts: GraphDto['nodes'] } | null>(null);
  const [yamlSelection, setYamlSelection] = useState<{ from: number; to: number; seq: number } | null>(null);
  const canvas = useRef<CanvasApi>(null);
  const [view, setView] = useDesignView();
  const doc = useDefinitionDocument(code, () => setTimeout(() => canvas.current?.fit(), 50));
  const { snap, graph, diagnostics, allDiagnostics, parseMarks, definition, yamlText, present, commit, undo, redo, save } = doc;

  const targets = useMemo(() => problemTargets(diagnostics, graph, definition), [diagnostics, graph, definition]);
  const marks = useMemo(() => diagnosticMarks(parseMarks, diagnostics, yamlText, lang), [parseMarks, diagnostics, yamlText, lang]);

  const shownGraph = useMemo(() => {
    if (!graph) return null;
    if (!diff || diff.ghosts.length === 0) return graph;
    const ids = new Set(graph.nodes.map((n) => n.id));
    return { nodes: [...graph.nodes, ...diff.ghosts.filter((g) => !ids.has(g.id) && (!g.parent || ids.has(g.parent)))], edges: graph.edges };
  }, [graph, diff]);

  const { departments } = useDirectory();
  const words = useMemo(() => ({ lang, departments }), [lang, departments]);
  const mapped = useStableGraph(
    useMemo(
      () =>
        shownGraph && snap
          ? mapGraph(shownGraph, { positions: snap.positions, definition, problemsByNode: targets.byNode, problemsByEdge: targets.byEdge, active, diff: diff?.marks, words })
          : { nodes: [], edges: [] },
      [shownGraph, snap, definition, targets, active, diff, words],
    ),
  );

  // A large diagram opens on its start at a readable zoom (the whole of it would be specks); 适应视图 still shows all.
  const openOn = useMemo(() => {
    if (!graph || graph.nodes.length <= LARGE_GRAPH) return undefined;
    const start = graph.nodes.find((n) => n.initial && !n.parent) ?? graph.nodes[0];
    return [start.id, ...graph.edges.filter((e) => e.from === start.id).map((e) => e.to)];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [graph === null]);

  const confirm = useConfirm();
  const [moving, setMoving] = useState<{ id: string; target?: string; at?: { x: number; y: number } } | null>(null);
  const [dropped, setDropped] = useState<Dropped | null>(null);
  const commands = useCanvasCommands(doc, mapped, selected, setSelected, canvas, confirm.ask, setDropped);
  const movable = selected?.type === 'node' && graph?.nodes.some((n) => n.id === selected.id && n.kind !== 'Branch') ? selected.id : null;
  const renameNode = () => {
    let tries = 0;
    const focusTitle = () => {
      const title = document.querySelector<HTMLInputElement>('[data-testid=inspector-title]');
      if (title) {
        title.focus();
        title.select();
      } else if (++tries < 20) requestAnimationFrame(focusTitle);
    };
    requestAnimationFrame(focusTitle);
  };
  const nodeMenu = (id: string) => {
    const n = graph?.nodes.find((x) => x.id === id);
    return [
      ...(n && n.kind !== 'Branch' ? [{ label: t('moveState'), testId: 'menu-move', run: () => setMoving({ id }) }] : []),
      { label: t('menuRename'), testId: 'menu-rename', run: renameNode },
      { label: t('menuDelete'), testId: 'menu-delete', run: () => commands.deleteSelected() },
    ];
  };

  const onKeyDownCapture = useInspectorHistory(undo, redo);

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
    setYamlSelection({ ...diagnosticSelection(yamlText, d), seq: Date.now() });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (isComposing(e)) return;
    const target = e.target as HTMLElement;
    if (target.closest('dialog, [role=menu]')) return;
    if (e.key === 'Escape' && !e.defaultPrevented && !target.closest('.graph-pane')) {
      // Escape (after a field has reverted what was typed) goes back to the graph, on the selected state.
      canvas.current?.focus(selected?.type === 'node' ? selected.id : null);
      return;
    }
    const typing = target.closest('input, textarea, select, .cm-editor') !== null;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (mod && k === 's') {
      e.preventDefault();
      void save();
      return;
    }
    if (typing) return;
    // The guided mode's cards have their own buttons: only undo and redo reach them from the keyboard here.
    if (view === 'guided' && !(mod && (k === 'z' || k === 'y'))) return;
    if (mod && k === 'z') {
      e.preventDefault();
      if (e.shiftKey) redo();
      else undo();
    } else if (mod && k === 'y') {
      e.preventDefault();
      redo();
    } else if (mod && k === 'c') commands.copySelected();
    else if (mod && k === 'v') commands.paste();
    else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      commands.deleteSelected();
    } else if (e.altKey && k === 'n') {
      e.preventDefault();
      commands.addNewState();
    } else if (e.key === 'F2') {
      e.preventDefault();
      (document.querySelector('[data-testid=inspector-title]') as HTMLInputElement | null)?.focus();
    }
  };

  if (doc.loadError) return <p role="alert" className="error">{doc.loadError}</p>;
  if (!snap) return <p>{t('loading')}</p>;

  return (
    <HistoryEpoch.Provider value={doc.epoch}>
    <div className="editor" onKeyDown={onKeyDown} onKeyDownCapture={onKeyDownCapture}>
      <h1 className="sr-only">
        {doc.name} {code}
      </h1>
      <EditorToolbar
        name={doc.name}
        code={code}
        dirty={doc.dirty}
        canUndo={doc.canUndo}
        canRedo={doc.canRedo}
        canDelete={!!selected}
        onUndo={undo}
        onRedo={redo}
        onAddState={commands.addNewState}
        onDelete={commands.deleteSelected}
        canMove={movable !== null}
        onMove={() => movable && setMoving({ id: movable })}
        onAutoLayout={() => graph && autoLayout(graph).then((p) => (commit({ yaml: present().yaml, positions: p }), setTimeout(() => canvas.current?.fit(), 50)))}
        onFit={() => canvas.current?.fit()}
        onSave={() => void save()}
      />
      <StatusBanners
        conflict={doc.conflict}
        status={doc.status}
        parseError={parseMarks.length > 0 ? parseMarks[0].message : null}
        onReloadTheirs={() => void doc.reloadTheirs()}
        onOverwrite={() => void save(true)}
      />
      <ViewSwitch view={view} onView={(v) => (setSelected(null), setView(v))} />
      {dropped && graph && view !== 'guided' && (
        <DropHint
          graph={graph}
          dropped={dropped}
          onMove={() => {
            setMoving({ id: dropped.id, target: dropped.region, at: dropped.regionPosition });
            setDropped(null);
          }}
          onDismiss={() => setDropped(null)}
        />
      )}
      <div className="workspace">
        {view === 'guided' ? (
          <Suspense fallback={<p>{t('loading')}</p>}>
            <GuidedPane definition={definition} edit={doc.edit} />
          </Suspense>
        ) : (
          <>
            <CanvasPane nodes={mapped.nodes} edges={mapped.edges} onSelect={setSelected} onDrop={commands.onDrop} onConnect={commands.onConnect} apiRef={canvas} openOn={openOn} nodeMenu={nodeMenu} onRename={renameNode} />
            <InspectorPane yaml={snap.yaml} definition={definition} graph={graph} selected={selected} edges={mapped.edges} edit={doc.edit} onSelect={setSelected} />
          </>
        )}
        <YamlPane
          value={snap.yaml}
          onChange={(text) => commit({ yaml: text, positions: present().positions }, 'yaml')}
          onUndo={undo}
          onRedo={redo}
          marks={marks}
          selection={yamlSelection}
        />
      </div>
      <EditorTabs tab={tab} onTab={setTab} problemCount={allDiagnostics.length}>
        {tab === 'problems' && <ProblemsPanel diagnostics={allDiagnostics} definition={definition} onSelect={selectProblem} />}
        {tab === 'simulation' && graph && <SimulationPanel yaml={snap.yaml} graph={graph} definition={definition} onActive={setActive} />}
        {tab === 'versions' && <VersionsPanel code={code} graph={graph} definition={definition} onPublished={doc.markPublished} onDiff={setDiff} onSaveFirst={doc.saveForPublish} />}
      </EditorTabs>
      {confirm.element}
      {moving && graph && (
        <MoveStateDialog
          graph={graph}
          definition={definition}
          nodeId={moving.id}
          initialTarget={moving.target}
          onMove={(target) => commands.moveTo(moving.id, target, target === moving.target ? moving.at : undefined)}
          onClose={() => {
            setMoving(null);
            canvas.current?.focus();
          }}
        />
      )}
    </div>
    </HistoryEpoch.Provider>
  );
}
