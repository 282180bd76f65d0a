import type { GraphDto, HistoryEntry, PlannedCase } from '../api/types';

/*
 * Moving running cases to another version, as the web app shows it: which states need a mapping (chosen from state
 * titles), which cases can be selected, and the mark of a migrated case read from its history.
 */

export interface MappingChoice {
  value: string;
  label: string;
}

/** A state of the old version with no state of the same name in its region on the new one. */
export interface MappingRow {
  /** The mapping key the server reads: `received`, or a branch state as `approval/tax:reviewing`. */
  key: string;
  /** The state's title on the old version, with its branch's title for a branch state. */
  label: string;
  /** The states of the same region on the new version it may be mapped to (final ones never). */
  choices: MappingChoice[];
}

type Node = GraphDto['nodes'][number];

const isState = (n: Node) => n.kind === 'State' || n.kind === 'Parallel';
const regionOf = (n: Node) => n.parent ?? 'main';
const keyOf = (n: Node) => (n.parent ? `${n.parent}:${n.name}` : n.name);

/**
 * The mapping rows between two published versions' graphs: every non-final state of `from` whose region on `to` has no
 * state of that name. A branch that `to` no longer has is dropped by a migration, so its states need no mapping.
 */
export function mappingRows(from: GraphDto, to: GraphDto): MappingRow[] {
  const branchTitle = (g: GraphDto, id: string) => g.nodes.find((n) => n.id === id && n.kind === 'Branch')?.label ?? id;
  const regionExists = (region: string) => region === 'main' || to.nodes.some((n) => n.id === region && n.kind === 'Branch');
  const rows: MappingRow[] = [];
  for (const n of from.nodes) {
    if (!isState(n)) continue;
    const region = regionOf(n);
    if (!regionExists(region)) continue;
    const targets = to.nodes.filter((m) => regionOf(m) === region && (isState(m) || m.kind === 'Final'));
    if (targets.some((m) => m.name === n.name)) continue;
    // By title only (no ids in brackets); two states of the same title are told apart by their order.
    const states = targets.filter(isState);
    const choices = states.map((m) => {
      const same = states.filter((x) => x.label === m.label);
      return { value: m.name, label: same.length > 1 ? `${m.label}（${same.indexOf(m) + 1}）` : m.label };
    });
    const label = region === 'main' ? n.label : `${branchTitle(from, region)} · ${n.label}`;
    rows.push({ key: keyOf(n), label, choices });
  }
  return rows;
}

/** Only the chosen entries: a row left at "no mapping" is not sent. */
export function chosenMapping(choices: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(choices).filter(([, v]) => v));
}

/** The cases a migration may move (clean or with consequences). */
export function movable(cases: readonly PlannedCase[]): PlannedCase[] {
  return cases.filter((c) => c.class !== 'cannot-move');
}

/** The version a `case-migrated` event moved from and to. */
export interface MigratedMark {
  from: number;
  to: number;
  /** Every move, oldest first (a case may be moved twice). */
  moves: { from: number; to: number; at: string; user: string }[];
}

/** A case's migration mark from its history: from the first move's old version to the last move's new one; null when never moved. */
export function migratedMark(history: readonly Pick<HistoryEntry, 'type' | 'data' | 'at' | 'user'>[] | null | undefined): MigratedMark | null {
  const moves = (history ?? [])
    .filter((e) => e.type === 'case-migrated')
    .map((e) => ({ from: Number(e.data.fromVersion), to: Number(e.data.toVersion), at: e.at, user: e.user }))
    .filter((m) => Number.isFinite(m.from) && Number.isFinite(m.to));
  if (moves.length === 0) return null;
  return { from: moves[0].from, to: moves[moves.length - 1].to, moves };
}

/** The mapping of a `case-migrated` event as the server writes it (`correcting → supplementing, approval/tax:reviewing → checking`). */
export function mappingPairs(text: string | null | undefined): [string, string][] {
  if (!text) return [];
  return text
    .split(', ')
    .map((pair) => pair.split(' → '))
    .filter((p): p is [string, string] => p.length === 2 && Boolean(p[0]) && Boolean(p[1]));
}

/** A case's regions as a plan lists them (`main=approval`, `approval/tax=reviewing`), by the titles of a version's graph. */
export function regionsText(entries: readonly string[], graph: GraphDto | null | undefined): string {
  return entries
    .map((entry) => {
      const at = entry.indexOf('=');
      if (at < 0) return entry;
      const region = entry.slice(0, at);
      const state = entry.slice(at + 1);
      const label = graph?.nodes.find((n) => n.id === (region === 'main' ? state : `${region}/${state}`))?.label ?? state;
      if (region === 'main') return label;
      const branch = graph?.nodes.find((n) => n.id === region && n.kind === 'Branch')?.label ?? region.split('/').pop();
      return `${branch}：${label}`;
    })
    .join('、');
}
