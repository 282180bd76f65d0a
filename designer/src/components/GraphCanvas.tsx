import {
  applyNodeChanges,
  Background,
  BaseEdge,
  ControlButton,
  Controls,
  EdgeLabelRenderer,
  getBezierPath,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import { memo, useEffect, useImperativeHandle, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type Ref } from 'react';
import type { GraphDto } from '../api/types';
import { firstFocus, nextFocus, type NavKey } from '../graph/keyboardNav';
import type { StateNodeData, TransitionEdgeData } from '../graph/mapGraph';
import { openingView } from '../graph/openingView';
import { useStableHandler } from '../graph/useStableHandler';
import { useI18n } from '../i18n/i18n';
import { NodeMenu, type MenuItem } from './NodeMenu';
import { nodeTypes } from './nodes';

/** Above this many nodes only what is on screen is drawn (a large diagram stays smooth to pan and drag). */
export const LARGE_GRAPH = 80;

const TransitionEdge = memo(function TransitionEdge(p: EdgeProps<Edge<TransitionEdgeData>>) {
  const [path, lx, ly] = getBezierPath(p);
  const d = p.data;
  const cls = [
    'edge',
    d?.kind ?? '',
    d?.problems.some((x) => x.severity === 'error') ? 'has-error' : '',
    d?.diff ? `diff-${d.diff}` : '',
    p.selected ? 'selected' : '',
  ].join(' ');
  return (
    <>
      <BaseEdge id={p.id} path={path} markerEnd={p.markerEnd} className={cls} />
      {p.label && (
        <EdgeLabelRenderer>
          <div className={`edge-label ${cls}`} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }} data-testid="edge-label" title={d?.detail}>
            {d?.problems.length ? <span className="marker error">✖ </span> : null}
            {p.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

const edgeTypes = { transition: TransitionEdge };
const defaultEdgeOptions = { markerEnd: { type: 'arrowclosed' as never } };

export interface CanvasApi {
  fit: () => void;
  center: () => { x: number; y: number };
  select: (id: string | null) => void;
  focusNode: (id: string) => void;
  /** Puts the keyboard focus on a node (the graph's one tab stop), bringing it into view. */
  focus: (id?: string | null) => void;
}

export interface DropInfo {
  id: string;
  /** position relative to its parent */
  position: { x: number; y: number };
  /** the lane (region id) the node's centre was dropped in; '' for the main flow */
  region: string;
  /** position relative to that region's lane */
  regionPosition: { x: number; y: number };
}

interface Props {
  nodes: Node<StateNodeData>[];
  edges: Edge<TransitionEdgeData>[];
  onSelect: (sel: { type: 'node' | 'edge'; id: string } | null) => void;
  onDrop: (drops: DropInfo[]) => void;
  onConnect: (from: string, to: string) => void;
  apiRef: Ref<CanvasApi>;
  label: string;
  /** The nodes the first view fits (all when absent). */
  openOn?: string[];
  /** The commands of a node's context menu (right click, the context-menu key or Shift+F10). */
  nodeMenu?: (id: string) => MenuItem[];
  /** F2 on a node: rename it (the inspector's title field). */
  onRename?: (id: string) => void;
}

const navKeys: readonly string[] = ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'];

/** The node ids and transitions of what is drawn, for moving the focus along transitions. */
function shape(nodes: Node<StateNodeData>[], edges: Edge<TransitionEdgeData>[]): GraphDto {
  return {
    nodes: nodes.map((n) => ({ id: n.id, name: n.data.name, label: n.data.label, kind: n.data.kind, parent: n.parentId ?? null, initial: n.data.initial })),
    edges: edges.map((e) => ({ from: e.source, to: e.target, label: '', event: e.data?.event ?? null, roles: [], kind: e.data?.kind ?? 'transition' })),
  };
}

/**
 * The graph view. Node positions move locally while dragging and are committed once, on drop. For the keyboard the
 * graph is one tab stop (a roving focus over its nodes; transitions are not in the tab order): arrows follow
 * transitions, Enter or Space selects into the inspector, F2 renames, the context-menu key opens the node's commands.
 */
export function GraphCanvas({ nodes: mapped, edges, onSelect, onDrop, onConnect, apiRef, label, openOn, nodeMenu, onRename }: Props) {
  const { t } = useI18n();
  const [nodes, setNodes] = useState(mapped);
  const [minimap, setMinimap] = useState(false);
  const flow = useReactFlow();
  const container = useRef<HTMLDivElement>(null);
  const graph = useMemo(() => shape(mapped, edges), [mapped, edges]);
  const [roving, setRoving] = useState<string | null>(null);
  const cameFrom = useRef<string | null>(null);
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);
  const tabStop = roving && graph.nodes.some((n) => n.id === roving) ? roving : firstFocus(graph);
  // Only the tab stop has tabindex 0; a node object is rebuilt only when its tabindex changes (large graphs).
  const cache = useRef(new WeakMap<Node<StateNodeData>, { stop: boolean; node: Node<StateNodeData> }>());
  const shown = useMemo(
    () =>
      nodes.map((n) => {
        const stop = n.id === tabStop;
        const hit = cache.current.get(n);
        if (hit && hit.stop === stop) return hit.node;
        const node = { ...n, domAttributes: { ...n.domAttributes, tabIndex: stop ? 0 : -1 } };
        cache.current.set(n, { stop, node });
        return node;
      }),
    [nodes, tabStop],
  );

  const element = (id: string) => container.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? null;
  const focusOn = (id: string) => {
    setRoving(id);
    const el = element(id);
    if (el) {
      el.focus();
      return;
    }
    // Not drawn (outside the view): centre it, then focus it once it is drawn.
    const n = flow.getInternalNode(id);
    if (n) void flow.setCenter(n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2, n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2, { zoom: flow.getZoom() });
    let tries = 0;
    const later = () => {
      const e = element(id);
      if (e) e.focus();
      else if (++tries < 20) requestAnimationFrame(later);
    };
    requestAnimationFrame(later);
  };
  const selectNode = (id: string) => {
    setNodes((ns) => ns.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })));
    onSelect({ type: 'node', id });
  };

  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const nodeEl = target.classList.contains('react-flow__node') ? target : null;
    const id = nodeEl?.dataset.id;
    if (!id || e.nativeEvent.isComposing) return;
    const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
    if (plain && !e.shiftKey && navKeys.includes(e.key)) {
      // Arrows follow transitions (React Flow would move a selected node by them).
      e.preventDefault();
      e.stopPropagation();
      const next = nextFocus(graph, id, e.key as NavKey, cameFrom.current);
      if (next) {
        cameFrom.current = next.cameFrom;
        focusOn(next.id);
      }
    } else if (plain && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      e.stopPropagation();
      selectNode(id);
    } else if (plain && e.key === 'F2') {
      e.preventDefault();
      e.stopPropagation();
      selectNode(id);
      onRename?.(id);
    } else if (nodeMenu && (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10'))) {
      e.preventDefault();
      e.stopPropagation();
      const r = nodeEl!.getBoundingClientRect();
      selectNode(id);
      setMenu({ id, x: r.left + r.width / 2, y: r.bottom });
    }
  };
  useEffect(() => {
    setNodes((prev) => {
      const sel = new Set(prev.filter((n) => n.selected).map((n) => n.id));
      return mapped.map((n) => (sel.has(n.id) && !n.selected ? { ...n, selected: true } : n));
    });
  }, [mapped]);

  useImperativeHandle(apiRef, () => ({
    fit: () => void flow.fitView({ padding: 0.1 }),
    center: () => {
      const el = document.querySelector('.react-flow') as HTMLElement | null;
      const r = el?.getBoundingClientRect();
      return flow.screenToFlowPosition({ x: (r?.left ?? 0) + (r?.width ?? 800) / 2, y: (r?.top ?? 0) + (r?.height ?? 600) / 2 });
    },
    select: (id) => setNodes((ns) => ns.map((n) => (n.selected === (n.id === id) ? n : { ...n, selected: n.id === id }))),
    focusNode: (id) => {
      const n = flow.getInternalNode(id);
      if (n) void flow.setCenter(n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2, n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2, { zoom: flow.getZoom(), duration: 200 });
    },
    focus: (id) => {
      const to = id && graph.nodes.some((n) => n.id === id) ? id : tabStop;
      if (to) focusOn(to);
    },
  }));

  // A drop anywhere on a node connects to it, not only on its handle: the node under the pointer is the other end.
  const onConnectEnd: OnConnectEnd = useStableHandler((event, state) => {
    if (state.isValid || !state.fromNode || !state.fromHandle) return;
    const point = 'changedTouches' in event ? event.changedTouches[0] : event;
    const under = document.elementFromPoint(point.clientX, point.clientY)?.closest('.react-flow__node');
    const id = under?.getAttribute('data-id');
    const node = id ? nodes.find((n) => n.id === id) : undefined;
    if (!node || node.id === state.fromNode.id || node.type === 'lane') return;
    if (state.fromHandle.type === 'source') onConnect(state.fromNode.id, node.id);
    else onConnect(node.id, state.fromNode.id);
  });

  return (
    <>
    <ReactFlow
      ref={container}
      aria-label={label}
      nodes={shown}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onlyRenderVisibleElements={nodes.length > LARGE_GRAPH}
      minZoom={0.05}
      onInit={useStableHandler((instance) => {
        const el = container.current;
        const view = openingView(nodes, edges, { width: el?.clientWidth ?? 800, height: el?.clientHeight ?? 600 }, openOn);
        void instance.setViewport(view);
      })}
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode="Shift"
      nodesFocusable
      edgesFocusable={false}
      onKeyDownCapture={onKeyDownCapture}
      onFocus={useStableHandler((e: FocusEvent<HTMLDivElement>) => {
        const id = (e.target as HTMLElement).classList.contains('react-flow__node') ? (e.target as HTMLElement).dataset.id : undefined;
        if (id && id !== roving) setRoving(id);
      })}
      onNodeContextMenu={useStableHandler((e: MouseEvent, n: Node) => {
        if (!nodeMenu) return;
        e.preventDefault();
        selectNode(n.id);
        setMenu({ id: n.id, x: e.clientX, y: e.clientY });
      })}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={useStableHandler((changes: NodeChange<Node<StateNodeData>>[]) => setNodes((ns) => applyNodeChanges(changes, ns)))}
      onNodeClick={useStableHandler((_, n: Node) => onSelect({ type: 'node', id: n.id }))}
      onEdgeClick={useStableHandler((_, e: Edge) => onSelect({ type: 'edge', id: e.id }))}
      onPaneClick={useStableHandler(() => onSelect(null))}
      onConnect={useStableHandler((c: { source: string | null; target: string | null }) => void (c.source && c.target && onConnect(c.source, c.target)))}
      onConnectEnd={onConnectEnd}
      onNodeDragStop={useStableHandler((_: unknown, __: unknown, dragged: Node[]) => {
        const lanes = nodes
          .filter((n) => n.type === 'lane')
          .map((n) => {
            const i = flow.getInternalNode(n.id)!;
            return { id: n.id, x: i.internals.positionAbsolute.x, y: i.internals.positionAbsolute.y, w: i.measured.width ?? n.width ?? 0, h: i.measured.height ?? n.height ?? 0 };
          });
        const drops: DropInfo[] = dragged.map((n) => {
          const i = flow.getInternalNode(n.id)!;
          const w = i.measured.width ?? 176;
          const h = i.measured.height ?? 64;
          const cx = i.internals.positionAbsolute.x + w / 2;
          const cy = i.internals.positionAbsolute.y + h / 2;
          const lane = lanes
            .filter((l) => !l.id.startsWith(n.id + '/') && cx >= l.x && cx <= l.x + l.w && cy >= l.y && cy <= l.y + l.h)
            .sort((a, b) => a.w * a.h - b.w * b.h)[0];
          return {
            id: n.id,
            position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
            region: lane?.id ?? '',
            regionPosition: lane ? { x: Math.round(cx - lane.x - w / 2), y: Math.round(cy - lane.y - h / 2) } : { x: Math.round(cx - w / 2), y: Math.round(cy - h / 2) },
          };
        });
        onDrop(drops);
      })}
    >
      <Background />
      {/* The minimap is asked for: open, it would cover the corner of the graph the author is reading. */}
      {minimap && <MiniMap pannable zoomable ariaLabel={t('minimap')} position="bottom-right" />}
      <Controls>
        <ControlButton onClick={() => setMinimap((m) => !m)} title={t(minimap ? 'hideMinimap' : 'showMinimap')} aria-label={t(minimap ? 'hideMinimap' : 'showMinimap')} aria-pressed={minimap} data-testid="minimap-toggle">
          ▦
        </ControlButton>
      </Controls>
    </ReactFlow>
    {menu && nodeMenu && (
      <NodeMenu
        x={menu.x}
        y={menu.y}
        label={graph.nodes.find((n) => n.id === menu.id)?.label ?? menu.id}
        items={nodeMenu(menu.id)}
        onClose={(refocus) => {
          const id = menu.id;
          setMenu(null);
          if (refocus) focusOn(id);
        }}
      />
    )}
    </>
  );
}
