import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { referenceGraph } from '../test/referenceGraph';
import { parseYaml } from '../yaml/yamlText';
import { computeLayout } from './layout';
import { absolutePositions, badgesFor, edgeForPath, freeSpot, mapGraph, nodeForPath, STATE_H, STATE_W } from './mapGraph';

const definition = parseYaml(readFileSync(join(__dirname, '../../../definitions/enterprise-establishment.yaml'), 'utf8')).toJS();

describe('mapGraph', () => {
  it('mapGraph_Reference_GivesOneGroupWithThreeLanesAndParentsFirst', () => {
    const { nodes, edges } = mapGraph(referenceGraph, { positions: {}, definition });
    expect(nodes.filter((n) => n.type === 'parallel').map((n) => n.id)).toEqual(['approval']);
    expect(nodes.filter((n) => n.type === 'lane').map((n) => n.id)).toEqual(['approval/market', 'approval/tax', 'approval/social']);
    expect(nodes).toHaveLength(22);
    expect(edges).toHaveLength(16);
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    for (const n of nodes) if (n.parentId) expect(index.get(n.parentId)!).toBeLessThan(index.get(n.id)!);
    const group = nodes.find((n) => n.id === 'approval')!;
    expect(group.data.joinText).toBe('join: all · onReject: rejected');
  });

  it('mapGraph_LanesStackInsideTheGroupWithEqualWidth', () => {
    const positions = { 'approval/tax/approved': { x: 500, y: 40 } };
    const { nodes } = mapGraph(referenceGraph, { positions, definition });
    const lanes = nodes.filter((n) => n.type === 'lane');
    expect(new Set(lanes.map((l) => l.width)).size).toBe(1);
    expect(lanes[0].width).toBe(500 + 176 + 16);
    expect(lanes[1].position.y).toBeGreaterThan(lanes[0].position.y);
    const group = nodes.find((n) => n.id === 'approval')!;
    expect(group.width).toBe(lanes[0].width! + 20);
  });

  it('badgesFor_ShowsTimersClocksToleranceCommitmentAndBranchTimeouts', () => {
    // Badges read in words; the YAML's value is kept for the tooltip.
    const byId = (id: string) => referenceGraph.nodes.find((n) => n.id === id)!;
    expect(badgesFor(definition, byId('correcting'))).toEqual([
      { kind: 'timer', text: '30天', raw: 'after: 30d' },
      { kind: 'clock', text: '不计时', raw: 'clock: not-started' },
    ]);
    expect(badgesFor(definition, byId('received')).map((b) => [b.kind, b.text])).toEqual([
      ['tolerance', '容缺'],
      ['commitment', '告知承诺'],
    ]);
    expect(badgesFor(definition, byId('approval/tax'), { lang: 'zh', departments: { tax: '税务局' } })).toEqual([
      { kind: 'department', text: '税务局', raw: 'department: tax' },
      { kind: 'limit', text: '3个工作小时', raw: 'limit: 3wh' },
      { kind: 'timeout', text: '超时默认同意', raw: 'onTimeout: approve' },
    ]);
    expect(badgesFor(definition, byId('terminated'))).toEqual([{ kind: 'tolerance', text: '容缺逾期终止', raw: 'tolerance.onBreach' }]);
    expect(badgesFor(definition, byId('revoked')).map((b) => b.text)).toEqual(['承诺不实']);
  });

  it('mapGraph_EdgesReadInWords_TheExpressionOnlyInTheDetail', () => {
    const { edges } = mapGraph(referenceGraph, { positions: {}, definition });
    const label = (id: string) => edges.find((e) => e.id.startsWith(id))!.label;
    expect(label('received->approval:accept:')).toBe('受理 · 窗口 · 材料齐全');
    expect(label('received->approval:accept-tolerated:')).toBe('容缺受理 · 窗口');
    expect(label('received->withdrawn:')).toBe('撤回 · 申请人、窗口');
    expect(label('correcting->not-accepted:')).toBe('30天后');
    expect(label('approval->issuing:')).toBe('全部分支办结');
    expect(label('issuing->issued:')).toBe('出证 · 窗口 · 容缺材料已补齐');
    for (const e of edges) {
      expect(String(e.label)).not.toMatch(/[[\]=]|accept|window|missing/);
      expect(e.ariaLabel).not.toMatch(/===|\[/);
    }
    const accept = edges.find((e) => e.id.startsWith('received->approval:accept:'))!;
    expect(accept.data!.detail).toBe('accept · window · missing.length === 0');
    expect(accept.ariaLabel).toBe('收件 → 并联审批: 受理 · 窗口 · 材料齐全');
  });

  it('nodeForPath_MapsDiagnosticPathsToNodesAndEdges', () => {
    expect(nodeForPath('/states/approval/parallel/branches/tax', referenceGraph, definition)).toBe('approval/tax');
    expect(nodeForPath('/states/received/on/accept/to', referenceGraph, definition)).toBe('received');
    expect(nodeForPath('/fragments/review/states/approved', referenceGraph, definition)).toBe('approval/market/approved');
    expect(edgeForPath('/states/received/on/withdraw/to', referenceGraph, definition)).toBe('received->withdrawn:withdraw:4');
    expect(nodeForPath('/item/code', referenceGraph, definition)).toBeUndefined();
  });

  it('mapGraph_MarksProblemsActiveStatesAndDiff', () => {
    const problem = { code: 'HQ2001', severity: 'error', message: 'x', line: 1, column: 1, path: '/states/issuing' };
    const { nodes } = mapGraph(referenceGraph, {
      positions: {},
      definition,
      problemsByNode: new Map([['issuing', [problem]]]),
      active: new Set(['approval/tax/reviewing']),
      diff: new Map([['issued', 'changed' as const]]),
    });
    const by = (id: string) => nodes.find((n) => n.id === id)!.data;
    expect(by('issuing').problems).toEqual([problem]);
    expect(by('approval/tax/reviewing').active).toBe(true);
    expect(by('issued').diff).toBe('changed');
  });

  it('computeLayout_PlacesEveryNodeAndKeepsLaneStatesInsideTheirLane', async () => {
    const positions = await computeLayout(new ELK(), referenceGraph);
    const placed = referenceGraph.nodes.filter((n) => n.kind !== 'Branch').map((n) => n.id);
    for (const id of placed) expect(positions[id], id).toBeDefined();
    const { nodes } = mapGraph(referenceGraph, { positions, definition });
    const abs = absolutePositions(nodes);
    const lane = abs.get('approval/market')!;
    const state = abs.get('approval/market/approved')!;
    expect(state.x).toBeGreaterThanOrEqual(lane.x);
    expect(state.x + state.w).toBeLessThanOrEqual(lane.x + lane.w);
    expect(state.y + state.h).toBeLessThanOrEqual(lane.y + lane.h);
    expect(abs.get('issuing')!.x).toBeGreaterThan(abs.get('approval')!.x + abs.get('approval')!.w - 1);
  });
});

describe('freeSpot', () => {
  const overlaps = (a: { x: number; y: number }, b: { x: number; y: number; w: number; h: number }) =>
    a.x < b.x + b.w && b.x < a.x + STATE_W && a.y < b.y + b.h && b.y < a.y + STATE_H;

  it('freeSpot_NothingThere_IsWhereTheAuthorLooks', () => {
    expect(freeSpot({ x: 100, y: 100 }, [{ x: 400, y: 400, w: 176, h: 64 }])).toEqual({ x: 100, y: 100 });
  });

  it('freeSpot_OnTheParallelState_IsTheNearestPlaceBesideIt', () => {
    const parallel = { x: 0, y: 0, w: 400, h: 600 };
    const spot = freeSpot({ x: 150, y: 250 }, [parallel]);
    expect(overlaps(spot, parallel)).toBe(false);
    // nearer than going round the whole container
    expect(Math.hypot(spot.x - 150, spot.y - 250)).toBeLessThan(400);
  });

  it('freeSpot_EverythingTaken_KeepsThePlace', () => {
    expect(freeSpot({ x: 0, y: 0 }, [{ x: -5000, y: -5000, w: 10000, h: 10000 }])).toEqual({ x: 0, y: 0 });
  });
});
