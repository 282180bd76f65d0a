import { useEffect, useRef, type RefObject } from 'react';
import type { GraphDto } from '../api/types';
import type { CanvasApi, DropInfo } from '../components/GraphCanvas';
import { absolutePositions, freeSpot, type mapGraph } from '../graph/mapGraph';
import { renamePositions } from '../graph/positions';
import type { Selection } from '../graph/selection';
import { useI18n } from '../i18n/i18n';
import type { Edit } from '../state/useDefinitionDocument';
import type { Snapshot } from '../state/history';
import { addState, addTransition, deleteState, deleteTransition, moveState, pasteState, splitId, statePath, stateData, stateNames, uniqueName } from '../yaml/definitionEdits';
import { deleteIn, parseYaml } from '../yaml/yamlText';

interface Document {
  graph: GraphDto | null;
  present: () => Snapshot;
  commit: (next: Snapshot, group?: string) => void;
  edit: Edit;
  setStatus: (s: { text: string; error?: boolean } | null) => void;
}

/**
 * The canvas commands of the editor (add, delete, copy and paste a state, drop into a region, connect two states),
 * each an edit of the document's YAML and positions; the selection follows what was made.
 */
export function useCanvasCommands(
  doc: Document,
  mapped: ReturnType<typeof mapGraph>,
  selected: Selection,
  setSelected: (s: Selection) => void,
  canvas: RefObject<CanvasApi | null>,
) {
  const { t } = useI18n();
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
      if (n.kind === 'Branch') {
        edit((y) => deleteIn(y, [...statePath(parseYaml(y), n.id)]));
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
        const duration = e.data.raw.replace(/^after /, '');
        edit((y) => deleteIn(y, [...statePath(parseYaml(y), e.data!.from), 'after', duration]));
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
    const pos = base ? { x: base.x + 40, y: base.y + 80 } : (canvas.current?.center() ?? { x: 0, y: 0 });
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
    const parsed = parseYaml(present().yaml);
    const on = parsed.getIn([...statePath(parsed, from), 'on']) as { items?: { key: { value: string } }[] } | undefined;
    const events = on?.items?.map((i) => String(i.key.value)) ?? [];
    const event = uniqueName(events, `to-${b.name}`);
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

  return { addNewState, deleteSelected, copySelected, paste, onDrop, onConnect };
}
