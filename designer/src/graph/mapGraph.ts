import type { Edge, Node } from '@xyflow/react';
import type { Diagnostic, GraphDto, GraphNodeDto } from '../api/types';
import { returnsOf, signingBadge, taskRuleOf } from '../people/taskRule';
import { badgeWord, departmentWord, durationWord, eventWord, guardExpression, guardWord, obligationWord, roleWord, type GraphWords } from './graphWords';

export const STATE_W = 176;
export const STATE_H = 64;
const LANE_PAD = 16;
const LANE_HEADER = 28;
const LANE_GAP = 6;
const PAR_HEADER = 40;
const PAR_PAD = 10;

export type Positions = Record<string, { x: number; y: number }>;
export type DiffMark = 'added' | 'removed' | 'changed';

export interface Badge {
  kind: 'timer' | 'limit' | 'clock' | 'tolerance' | 'commitment' | 'obligation' | 'timeout' | 'department' | 'signing';
  /** what the badge says, in words (容缺, 超时默认同意, 3个工作小时) */
  text: string;
  /** the value as the YAML writes it (`tolerance`, `onTimeout: approve`), for the tooltip */
  raw: string;
}

export interface StateNodeData extends Record<string, unknown> {
  id: string;
  name: string;
  label: string;
  kind: GraphNodeDto['kind'];
  initial: boolean;
  detail: string | null;
  badges: Badge[];
  problems: Diagnostic[];
  active: boolean;
  diff?: DiffMark;
  joinText?: string;
}

export interface TransitionEdgeData extends Record<string, unknown> {
  event: string | null;
  roles: string[];
  guard: string | null;
  kind: string;
  from: string;
  /** the server's label as written (`after 30d`, `join all`): what a timer edge deletes by */
  raw: string;
  /** the transition as the YAML writes it (event, roles, guard), for the tooltip */
  detail: string;
  problems: Diagnostic[];
  diff?: DiffMark;
}

export interface MapOptions {
  positions: Positions;
  /** the definition as plain data (YAML's toJS), for badges */
  definition: unknown;
  problemsByNode?: Map<string, Diagnostic[]>;
  problemsByEdge?: Map<string, Diagnostic[]>;
  active?: Set<string>;
  diff?: Map<string, DiffMark>;
  selected?: string | null;
  /** the words edges and badges are read in (Chinese by default) */
  words?: GraphWords;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/** The plain-data state (or branch) a graph id names, following `use:` into fragments. */
export function stateAt(definition: unknown, id: string): Obj | undefined {
  const def = obj(definition);
  if (!def) return undefined;
  const segs = id.split('/');
  let states = obj(def.states);
  let current: Obj | undefined;
  for (let i = 0; i < segs.length; i++) {
    if (i % 2 === 0) {
      current = obj(states?.[segs[i]]);
    } else {
      const branch = obj(obj(obj(current?.parallel)?.branches)?.[segs[i]]);
      if (i === segs.length - 1) return branch;
      const use = branch?.use;
      states = typeof use === 'string' ? obj(obj(obj(def.fragments)?.[use])?.states) : obj(branch?.states);
    }
  }
  return current;
}

export function edgeId(e: { from: string; to: string; event?: string | null; kind: string }, index: number): string {
  return `${e.from}->${e.to}:${e.event ?? e.kind}:${index}`;
}

function joinText(join: unknown): string {
  if (join === undefined || join === 'all') return 'all';
  if (join === 'any') return 'any';
  const o = obj(join);
  if (o && typeof o.atLeast === 'number') return `≥${o.atLeast}`;
  return String(join);
}

/** The rules that show on a node, in words: timers, limits, clock modes, 容缺/告知承诺, obligations, branch timeouts. */
export function badgesFor(definition: unknown, node: GraphNodeDto, words?: GraphWords): Badge[] {
  const s = stateAt(definition, node.id);
  const badges: Badge[] = [];
  if (!s) return badges;
  const add = (kind: Badge['kind'], text: string, raw: string) => badges.push({ kind, text, raw });
  if (node.kind === 'Branch') {
    if (typeof s.department === 'string') add('department', departmentWord(words, s.department), `department: ${s.department}`);
    if (s.limit !== undefined) add('limit', durationWord(words, String(s.limit)), `limit: ${String(s.limit)}`);
    if (s.onTimeout !== undefined && s.onTimeout !== 'warn') add('timeout', badgeWord(words, `timeout:${String(s.onTimeout)}`), `onTimeout: ${String(s.onTimeout)}`);
    return badges;
  }
  if (s.limit !== undefined) add('limit', durationWord(words, String(s.limit)), `limit: ${String(s.limit)}`);
  const signing = signingBadge(taskRuleOf(s.task));
  if (signing) add('signing', signing, 'task.signing');
  const after = obj(s.after);
  if (after) for (const d of Object.keys(after)) add('timer', durationWord(words, d), `after: ${d}`);
  if (typeof s.clock === 'string' && s.clock !== 'running') add('clock', badgeWord(words, `clock:${s.clock}`), `clock: ${s.clock}`);
  const on = obj(s.on);
  if (on) {
    const all = Object.values(on).flatMap((t) => (Array.isArray(t) ? t : [t]));
    if (all.some((t) => obj(t)?.tolerance === true)) add('tolerance', badgeWord(words, 'tolerance'), 'tolerance: true');
    if (all.some((t) => obj(t)?.commitment === true)) add('commitment', badgeWord(words, 'commitment'), 'commitment: true');
  }
  if (s.opens !== undefined) {
    const ids = ([] as unknown[]).concat(s.opens).map(String);
    add('obligation', ids.map((o) => obligationWord(words, o)).join('、'), `opens: ${ids.join(', ')}`);
  }
  if (!node.parent) {
    const def = obj(definition);
    if (obj(def?.tolerance)?.onBreach === node.name) add('tolerance', badgeWord(words, 'onBreach'), 'tolerance.onBreach');
    if (obj(def?.commitment)?.onFalse === node.name) add('commitment', badgeWord(words, 'onFalse'), 'commitment.onFalse');
  }
  return badges;
}

/** The transition a graph edge draws, as plain data (`{ to, by, when, title }`; shorthand `event: target` as `{ to }`). */
function transitionAt(definition: unknown, from: string, event: string | null | undefined, index: number): Obj | undefined {
  if (!event) return undefined;
  const t = obj(stateAt(definition, from)?.on)?.[event];
  if (typeof t === 'string') return { to: t };
  if (Array.isArray(t)) return obj(t[Math.min(index, t.length - 1)]);
  return obj(t);
}

/** What an edge says: 受理 · 窗口 · 材料齐全 for a transition, 30天后 for a timer, the join and refusal in words. */
export function edgeWords(e: GraphDto['edges'][number], definition: unknown, words?: GraphWords, alternative = 0): string {
  const zh = (words?.lang ?? 'zh') === 'zh';
  if (e.event) {
    const t = transitionAt(definition, e.from, e.event, alternative);
    const guard = e.guard ?? guardExpression(t?.when);
    return [eventWord(words, e.event, t?.title), e.roles.map((r) => roleWord(words, r)).join('、'), guard ? guardWord(words, guard) : '']
      .filter(Boolean)
      .join(' · ');
  }
  const timer = /^after (.+)$/.exec(e.label);
  if (e.kind === 'timer' && timer) return zh ? `${durationWord(words, timer[1])}后` : `after ${durationWord(words, timer[1])}`;
  if (e.kind === 'join') {
    const j = /^join (.+)$/.exec(e.label)?.[1] ?? '';
    const n = /(\d+)/.exec(j)?.[1];
    if (!zh) return j === 'any' ? 'when any branch is done' : n ? `when ${n} branches are done` : 'when all branches are done';
    return j === 'any' ? '任一分支办结' : n ? `${n}个分支办结` : '全部分支办结';
  }
  if (e.kind === 'refusal') return zh ? '分支不同意' : 'a branch refused';
  return e.label;
}

/** The transition as written, for the tooltip: `accept · window · missing.length === 0`. */
function edgeDetail(e: GraphDto['edges'][number]): string {
  return [e.event ?? e.label, e.roles.join(', '), e.guard ?? ''].filter(Boolean).join(' · ');
}

interface Size {
  w: number;
  h: number;
}

/**
 * Maps the server's graph to xyflow nodes and edges. Parallel states become group nodes holding one lane per
 * branch (stacked top to bottom, equal width); lanes grow to fit their states, whose positions are relative to the lane.
 * Parents come before their children, as xyflow requires.
 */
export function mapGraph(graph: GraphDto, o: MapOptions): { nodes: Node<StateNodeData>[]; edges: Edge<TransitionEdgeData>[] } {
  const children = new Map<string, GraphNodeDto[]>();
  for (const n of graph.nodes) {
    const k = n.parent ?? '';
    if (!children.has(k)) children.set(k, []);
    children.get(k)!.push(n);
  }
  const sizes = new Map<string, Size>();
  const lanePos = new Map<string, { x: number; y: number }>();

  const sizeOf = (n: GraphNodeDto): Size => {
    const cached = sizes.get(n.id);
    if (cached) return cached;
    let size: Size;
    if (n.kind === 'Parallel') {
      const lanes = children.get(n.id) ?? [];
      const inner = lanes.map((l) => laneContent(l));
      const w = Math.max(260, ...inner.map((s) => s.w));
      let y = PAR_HEADER;
      for (let i = 0; i < lanes.length; i++) {
        lanePos.set(lanes[i].id, { x: PAR_PAD, y });
        y += inner[i].h + LANE_GAP;
      }
      for (const l of lanes) sizes.set(l.id, { w, h: laneContent(l).h });
      size = { w: w + 2 * PAR_PAD, h: Math.max(y - LANE_GAP + PAR_PAD, PAR_HEADER + 60) };
    } else if (n.kind === 'Branch') {
      size = laneContent(n);
    } else {
      size = { w: STATE_W, h: STATE_H };
    }
    sizes.set(n.id, size);
    return size;
  };

  const laneContent = (lane: GraphNodeDto): Size => {
    let w = 240;
    let h = LANE_HEADER + STATE_H + LANE_PAD;
    for (const c of children.get(lane.id) ?? []) {
      const p = o.positions[c.id] ?? { x: LANE_PAD, y: LANE_HEADER };
      const s = sizeOf(c);
      w = Math.max(w, p.x + s.w + LANE_PAD);
      h = Math.max(h, p.y + s.h + LANE_PAD);
    }
    return { w, h };
  };

  const nodes: Node<StateNodeData>[] = [];
  const visit = (parent: string) => {
    for (const n of children.get(parent) ?? []) {
      const size = sizeOf(n);
      const pos = n.kind === 'Branch' ? lanePos.get(n.id) ?? { x: PAR_PAD, y: PAR_HEADER } : o.positions[n.id] ?? { x: 0, y: 0 };
      const s = n.kind === 'Parallel' ? stateAt(o.definition, n.id) : undefined;
      const par = obj(s?.parallel);
      nodes.push({
        id: n.id,
        type: n.kind === 'Parallel' ? 'parallel' : n.kind === 'Branch' ? 'lane' : 'state',
        position: pos,
        parentId: n.parent ?? undefined,
        extent: undefined,
        draggable: n.kind !== 'Branch',
        selected: o.selected === n.id,
        style: n.kind === 'Parallel' || n.kind === 'Branch' ? { width: size.w, height: size.h } : undefined,
        width: size.w,
        height: size.h,
        zIndex: n.kind === 'Parallel' ? 0 : n.kind === 'Branch' ? 1 : 2,
        ariaLabel: n.label,
        data: {
          id: n.id,
          name: n.name,
          label: n.label,
          kind: n.kind,
          initial: n.initial,
          detail: n.detail ?? null,
          badges: badgesFor(o.definition, n, o.words),
          problems: o.problemsByNode?.get(n.id) ?? [],
          active: o.active?.has(n.id) ?? false,
          diff: o.diff?.get(n.id),
          joinText: par ? `join: ${joinText(par.join)} · onReject: ${String(par.onReject ?? '—')}` : undefined,
        },
      });
      visit(n.id);
    }
  };
  visit('');

  const ids = new Set(graph.nodes.map((n) => n.id));
  const titles = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const edges: Edge<TransitionEdgeData>[] = [];
  // The nth edge of the same state and event draws the nth alternative of a guarded list.
  const alternatives = new Map<string, number>();
  graph.edges.forEach((e, i) => {
    if (!ids.has(e.from) || !ids.has(e.to)) return;
    const id = edgeId(e, i);
    const key = `${e.from}:${e.event ?? ''}`;
    const alternative = alternatives.get(key) ?? 0;
    alternatives.set(key, alternative + 1);
    const label = edgeWords(e, o.definition, o.words, alternative);
    edges.push({
      id,
      source: e.from,
      target: e.to,
      label,
      type: 'transition',
      ariaLabel: `${titles.get(e.from) ?? e.from} → ${titles.get(e.to) ?? e.to}: ${label}`,
      data: {
        event: e.event ?? null,
        roles: e.roles,
        guard: e.guard ?? null,
        kind: e.kind,
        from: e.from,
        raw: e.label,
        detail: edgeDetail(e),
        problems: o.problemsByEdge?.get(id) ?? [],
        diff: o.diff?.get(`${e.from}:${e.event ?? e.kind}`),
      },
    });
  });
  edges.push(...returnEdgesOf(graph, o.definition));
  return { nodes, edges };
}

/**
 * 退回: a dashed edge from each personal-task step back to each step its `task.returns` allows (`any`: every other task
 * step of the same region). Drawn for reading only; they are not transitions and cannot be selected or deleted.
 */
export function returnEdgesOf(graph: GraphDto, definition: unknown): Edge<TransitionEdgeData>[] {
  const edges: Edge<TransitionEdgeData>[] = [];
  const states = graph.nodes.filter((n) => n.kind === 'State' || n.kind === 'Final');
  const sibling = (id: string, name: string) => id.slice(0, id.length - id.split('/').pop()!.length) + name;
  const isTask = (id: string) => taskRuleOf(stateAt(definition, id)?.task) !== null;
  for (const n of states) {
    const rule = taskRuleOf(stateAt(definition, n.id)?.task);
    if (!rule) continue;
    const { any, steps } = returnsOf(rule);
    const targets = any
      ? states.filter((m) => m.id !== n.id && (m.parent ?? null) === (n.parent ?? null) && isTask(m.id)).map((m) => m.id)
      : steps.map((step) => sibling(n.id, step)).filter((id) => states.some((m) => m.id === id));
    for (const to of targets) {
      edges.push({
        id: `return:${n.id}->${to}`,
        source: n.id,
        target: to,
        label: '退回',
        type: 'transition',
        selectable: false,
        deletable: false,
        focusable: false,
        ariaLabel: `${n.label} → ${states.find((m) => m.id === to)?.label ?? to}: 退回`,
        data: { event: null, roles: [], guard: null, kind: 'return', from: n.id, raw: 'returns', detail: 'task.returns', problems: [] },
      });
    }
  }
  return edges;
}

/** The absolute top-left of each node (parents' offsets added), for hit-testing lanes while dragging. */
export function absolutePositions(nodes: Node[]): Map<string, { x: number; y: number; w: number; h: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, { x: number; y: number; w: number; h: number }>();
  const abs = (n: Node): { x: number; y: number } => {
    const p = n.parentId ? byId.get(n.parentId) : undefined;
    const base = p ? abs(p) : { x: 0, y: 0 };
    return { x: base.x + n.position.x, y: base.y + n.position.y };
  };
  for (const n of nodes) {
    const a = abs(n);
    out.set(n.id, { ...a, w: n.width ?? STATE_W, h: n.height ?? STATE_H });
  }
  return out;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where a new state goes: at `at` (the top-left the author is looking at) when nothing is there, else the nearest
 * free place on rings of growing distance around it, keeping a margin to every box; `at` itself when none is free
 * within a few rings (the author can still drag it).
 */
export function freeSpot(at: { x: number; y: number }, boxes: Iterable<Box>, w = STATE_W, h = STATE_H): { x: number; y: number } {
  const margin = 16;
  const taken = [...boxes];
  const free = (x: number, y: number) =>
    taken.every((b) => x + w + margin <= b.x || b.x + b.w + margin <= x || y + h + margin <= b.y || b.y + b.h + margin <= y);
  if (free(at.x, at.y)) return at;
  const step = 48;
  for (let ring = 1; ring <= 12; ring++) {
    const candidates: { x: number; y: number }[] = [];
    for (let i = -ring; i <= ring; i++) {
      candidates.push({ x: at.x + i * step, y: at.y - ring * step }, { x: at.x + i * step, y: at.y + ring * step });
      if (Math.abs(i) < ring) candidates.push({ x: at.x - ring * step, y: at.y + i * step }, { x: at.x + ring * step, y: at.y + i * step });
    }
    candidates.sort((a, b) => Math.hypot(a.x - at.x, a.y - at.y) - Math.hypot(b.x - at.x, b.y - at.y));
    const spot = candidates.find((c) => free(c.x, c.y));
    if (spot) return spot;
  }
  return at;
}

/** The graph node a diagnostic's document path points at (`/states/approval/parallel/branches/tax` → `approval/tax`). */
export function nodeForPath(path: string | null | undefined, graph: GraphDto, definition: unknown): string | undefined {
  if (!path) return undefined;
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === 'fragments' && segs[2] === 'states' && segs[3]) {
    const def = obj(definition);
    const user = graph.nodes.find((n) => n.kind === 'Branch' && obj(stateAt(def, n.id))?.use === segs[1]);
    return user ? `${user.id}/${segs[3]}` : undefined;
  }
  if (segs[0] !== 'states' || !segs[1]) return undefined;
  let id = segs[1];
  let i = 2;
  while (segs[i] === 'parallel' && segs[i + 1] === 'branches' && segs[i + 2]) {
    id += '/' + segs[i + 2];
    if (segs[i + 3] === 'states' && segs[i + 4]) {
      id += '/' + segs[i + 4];
      i += 5;
    } else {
      return id;
    }
  }
  return graph.nodes.some((n) => n.id === id) ? id : undefined;
}

/** The edge a diagnostic points at (`/states/received/on/accept` → the accept edge), if any. */
export function edgeForPath(path: string | null | undefined, graph: GraphDto, definition: unknown): string | undefined {
  if (!path) return undefined;
  const m = /^(.*)\/on\/([^/]+)/.exec(path);
  if (!m) return undefined;
  const node = nodeForPath(m[1], graph, definition);
  if (!node) return undefined;
  const i = graph.edges.findIndex((e) => e.from === node && e.event === m[2]);
  return i < 0 ? undefined : edgeId(graph.edges[i], i);
}
