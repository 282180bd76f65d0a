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
import { memo, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { StateNodeData, TransitionEdgeData } from '../graph/mapGraph';
import { openingView } from '../graph/openingView';
import { useStableHandler } from '../graph/useStableHandler';
import { useI18n } from '../i18n/i18n';
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
}

/** The graph view. Node positions move locally while dragging and are committed once, on drop. */
export function GraphCanvas({ nodes: mapped, edges, onSelect, onDrop, onConnect, apiRef, label, openOn }: Props) {
  const { t } = useI18n();
  const [nodes, setNodes] = useState(mapped);
  const [minimap, setMinimap] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
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
    <ReactFlow
      ref={wrapper}
      aria-label={label}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onlyRenderVisibleElements={nodes.length > LARGE_GRAPH}
      minZoom={0.05}
      onInit={useStableHandler((instance) => {
        const el = wrapper.current;
        const view = openingView(nodes, edges, { width: el?.clientWidth ?? 800, height: el?.clientHeight ?? 600 }, openOn);
        void instance.setViewport(view);
      })}
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode="Shift"
      nodesFocusable
      edgesFocusable
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
  );
}
