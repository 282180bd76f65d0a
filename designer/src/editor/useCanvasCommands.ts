import { useEffect, useRef, type RefObject } from 'react';
import type { GraphDto } from '../api/types';
import type { CanvasApi, DropInfo } from '../components/GraphCanvas';
import { absolutePositions, freeSpot, type mapGraph } from '../graph/mapGraph';
import { dropPositions, LANE_MIN, renamePositions } from '../graph/positions';
import type { Selection } from '../graph/selection';
import { useSay } from '../names/words';
import { idFromTitle } from '../names/ids';
import type { Edit } from '../state/useDefinitionDocument';
import type { Snapshot } from '../state/history';
import { addState, addTransition, deleteState, deleteTransition, moveState, pasteState, splitId, statePath, stateData, stateNames, uniqueName } from '../yaml/definitionEdits';
import { deleteIn, parseYaml } from '../yaml/yamlText';
import type { ConfirmRequest } from './ConfirmDialog';
import { deletionImpact } from './structureMove';

interface Document {
  graph: GraphDto | null;
  present: () => Snapshot;
  commit: (next: Snapshot, group?: string) => void;
  edit: Edit;
  setStatus: (s: { text: string; error?: boolean } | null) => void;
}

/**
 * The canvas commands of the editor (add, delete, copy and paste a state, place a dropped node, move a state into another
 * region, connect two states), each an edit of the document's YAML and positions; the selection follows what was made.
 * A drop only places nodes; a move into or out of a branch is its own command (asked for in MoveStateDialog). Deleting a
 * state that has transitions asks first (`ask`), saying which go with it.
 */
export function useCanvasCommands(
  doc: Document,
  mapped: ReturnType<typeof mapGraph>,
  selected: Selection,
  setSelected: (s: Selection) => void,
  canvas: RefObject<CanvasApi | null>,
  ask: (request: ConfirmRequest) => void,
  onDroppedOver?: (drop: { id: string; region: string; regionPosition: { x: number; y: number } } | null) => void,
) {
  const { t } = useSay();
  const clipboard = useRef<{ name: string; data: unknown } | null>(null);
  const { graph, present, commit, edit, setStatus } = doc;

  const regionOfSelection = (): string => {
    if (!selected || selected.type !== 'node' || !graph) return '';
    const n = graph.nodes.find((x) => x.id === selected.id);
    if (!n) return '';
    if (n.kind === 'Branch') return n.id;
    return n.parent ?? '';
  };

  const addNewState = () => {
    const region = regionOfSelection();
    const stateName = uniqueName(stateNames(parseYaml(present().yaml), region), 'state');
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
      const removed = deletionImpact(graph, n.id);
      if (n.kind === 'Branch' || removed.length > 0) {
        const list = removed.map((e) => t('edgeText', { ...e })).join('；');
        ask({
          title: t(n.kind === 'Branch' ? 'deleteBranchTitle' : 'deleteStateTitle', { state: n.label || n.name }),
          lines: [...(n.kind === 'Branch' ? [t('deleteBranchLine')] : []), ...(removed.length > 0 ? [t('deleteEdges', { n: removed.length, list })] : []), t('undoHint')],
          okLabel: t('deleteOk'),
          cancelLabel: t('cancel'),
          danger: true,
          onOk: () => deleteNode(n.id, n.kind === 'Branch', neighbour(n.id)),
        });
        return;
      }
      deleteNode(n.id, false, neighbour(n.id));
    } else {
      const e = mapped.edges.find((x) => x.id === selected.id);
      if (!e?.data) return;
      if (e.data.kind === 'transition' && e.data.event) edit((y) => deleteTransition(y, e.data!.from, e.data!.event!));
      else if (e.data.kind === 'timer') {
        const duration = e.data.raw.replace(/^after /, '');
        edit((y) => deleteIn(y, [...statePath(parseYaml(y), e.data!.from), 'after', duration]));
      }
      setSelected(null);
    }
  };

  // Where the keyboard focus goes once a state is deleted: a state that led into it, else the graph's first.
  const neighbour = (id: string): string | null => {
    const inside = (x: string) => x === id || x.startsWith(id + '/');
    return graph?.edges.find((e) => inside(e.to) && !inside(e.from))?.from ?? graph?.nodes.find((x) => !x.parent && x.initial && !inside(x.id))?.id ?? null;
  };

  const deleteNode = (id: string, branch: boolean, focusAfter: string | null) => {
    if (branch) {
      edit((y) => deleteIn(y, [...statePath(parseYaml(y), id)]));
    } else {
      edit((y, p) => {
        const rest = { ...p };
        for (const k of Object.keys(rest)) if (k === id || k.startsWith(id + '/')) delete rest[k];
        return { yaml: deleteState(y, id), positions: rest };
      });
    }
    setSelected(null);
    setTimeout(() => canvas.current?.focus(focusAfter), 0);
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
    const pos = base ? { x: base.x + 40, y: base.y + 80 } : (canvas.current?.center() ?? { x: 0, y: 0 });
    commit({ yaml: text, positions: { ...cur.positions, [id]: pos } });
    setSelected({ type: 'node', id });
  };

  // A drop places the dragged nodes and nothing else: the process stays as it was, whatever they were dropped over.
  const onDrop = (drops: DropInfo[]) => {
    const laneChild = (id: string) => mapped.nodes.find((n) => n.id === id)?.parentId !== undefined && mapped.nodes.find((n) => n.id === mapped.nodes.find((m) => m.id === id)?.parentId)?.type === 'lane';
    edit((y, p) => ({ yaml: y, positions: dropPositions(p, drops, laneChild) }), 'drag');
    const crossing = drops.find((d) => {
      const node = graph?.nodes.find((n) => n.id === d.id);
      return node && node.kind !== 'Branch' && d.region !== (node.parent ?? '') && !d.region.startsWith(d.id + '/');
    });
    onDroppedOver?.(crossing && drops.length === 1 ? crossing : null);
  };

  /** Moves a state (verbatim) into another region: one undoable step; the selection follows it. */
  const moveTo = (nodeId: string, targetRegion: string, at?: { x: number; y: number }) => {
    const node = graph?.nodes.find((n) => n.id === nodeId);
    if (!node || node.kind === 'Branch') return;
    const newId = targetRegion ? `${targetRegion}/${node.name}` : node.name;
    const boxes = [...absolutePositions(mapped.nodes)]
      .filter(([id]) => (mapped.nodes.find((n) => n.id === id)?.parentId ?? '') === targetRegion && id !== nodeId)
      .map(([, b]) => b);
    const lane = targetRegion ? absolutePositions(mapped.nodes).get(targetRegion) : undefined;
    const spot = (): { x: number; y: number } => {
      if (at) return at;
      if (lane) {
        const rel = boxes.map((b) => ({ ...b, x: b.x - lane.x, y: b.y - lane.y }));
        return freeSpot({ x: LANE_MIN.x + 12, y: LANE_MIN.y + 8 }, rel);
      }
      const c = canvas.current?.center() ?? { x: 0, y: 0 };
      return freeSpot({ x: Math.round(c.x - 88), y: Math.round(c.y - 32) }, boxes);
    };
    edit((y, p) => {
      const yaml = moveState(y, nodeId, targetRegion);
      const positions = renamePositions(p, nodeId, newId);
      positions[newId] = spot();
      return { yaml, positions };
    });
    setSelected({ type: 'node', id: newId });
    setTimeout(() => canvas.current?.select(newId), 0);
  };

  const onConnect = (from: string, to: string) => {
    const a = splitId(from);
    const b = splitId(to);
    if (a.region !== b.region) {
      setStatus({ text: `${from} → ${to}: ${t('error')}`, error: true });
      return;
    }
    const parsed = parseYaml(present().yaml);
    const on = parsed.getIn([...statePath(parsed, from), 'on']) as { items?: { key: { value: string } }[] } | undefined;
    const events = on?.items?.map((i) => String(i.key.value)) ?? [];
    // The event is named after where it leads (补正 → bu-zheng) until the author names it in the inspector.
    const event = idFromTitle(graph?.nodes.find((n) => n.id === to)?.label ?? '', events, `to-${b.name}`);
    edit((y) => addTransition(y, from, event, b.name));
    newTransition.current = { from, event };
    setStatus({ text: t('newTransitionHint') });
  };

  // A new transition opens in the inspector once the graph draws it, its event field ready to be named.
  const newTransition = useRef<{ from: string; event: string } | null>(null);
  useEffect(() => {
    const wanted = newTransition.current;
    if (!wanted) return;
    const e = mapped.edges.find((x) => x.data?.from === wanted.from && x.data?.event === wanted.event);
    if (!e) return;
    newTransition.current = null;
    setSelected({ type: 'edge', id: e.id });
    setTimeout(() => (document.querySelector('[data-testid=transition-form] input') as HTMLInputElement | null)?.select(), 0);
  }, [mapped.edges, setSelected]);

  return { addNewState, deleteSelected, copySelected, paste, onDrop, moveTo, onConnect };
}
