import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SemanticDiff, SimulationStep } from '../api/types';
import { referenceGraph } from '../test/referenceGraph';
import { parseYaml } from '../yaml/yamlText';
import { activeIds, regionsText, submittedByDefault } from './SimulationPanel';
import { diffMarks, stateIdOfKey } from './VersionsPanel';

const definition = parseYaml(readFileSync(join(__dirname, '../../../definitions/enterprise-establishment.yaml'), 'utf8')).toJS();

const step = (regions: Record<string, string>): SimulationStep => ({
  index: 1,
  label: 'accept by window',
  now: '2026-11-26T09:00:00+08:00',
  regions,
  outcome: null,
  clock: { started: true, paused: false, stopped: false, elapsedHours: 0, overduePromised: false, overdueStatutory: false },
  warnings: [],
  obligations: [],
  missing: [],
  events: [],
  notifications: [],
  rejection: null,
});

const change = (kind: 'added' | 'removed' | 'changed', area: string, key: string): SemanticDiff['changes'][number] => ({
  kind,
  area,
  key,
  field: null,
  before: null,
  after: null,
});

describe('simulation as the server sends it', () => {
  it('activeIds_RegionsMap_LightsTheParallelStateEachLaneAndItsState', () => {
    const ids = activeIds(step({ main: 'approval', 'approval/market': 'reviewing', 'approval/tax': 'approved' }), referenceGraph);
    expect([...ids].sort()).toEqual(['approval', 'approval/market', 'approval/market/reviewing', 'approval/tax', 'approval/tax/approved']);
  });

  it('regionsText_WithTheGraph_NamesStatesAndLanesByTheirTitles', () => {
    const s = step({ main: 'approval', 'approval/market': 'reviewing', 'approval/tax': 'approved' });
    expect(regionsText(s)).toBe('approval [market:reviewing, tax:approved]');
    expect(regionsText(s, referenceGraph)).toBe('并联审批 [营业执照:审查, 发票与税控:同意]');
    expect(regionsText(step({ main: 'nowhere' }), referenceGraph)).toBe('nowhere');
  });

  it('activeIds_UnknownState_LightsNothing', () => {
    expect(activeIds(step({ main: 'nowhere' }), referenceGraph).size).toBe(0);
  });

  it('submittedByDefault_EnterpriseEstablishment_EveryMaterialButTheSharedOne', () => {
    expect(submittedByDefault(definition)).toEqual(['application', 'articles', 'premises', 'shareholder-resolution']);
  });
});

describe('semantic diff as the server sends it', () => {
  it('stateIdOfKey_MainBranchAndFragment_GiveGraphIdsOrNothing', () => {
    expect(stateIdOfKey('main:issuing')).toBe('issuing');
    expect(stateIdOfKey('approval/market:reviewing')).toBe('approval/market/reviewing');
    expect(stateIdOfKey('fragment review:reviewing')).toBeUndefined();
  });

  it('diffMarks_LimitStateBranchAndTransitionChanges_MarkNodesLanesAndEdges', () => {
    const diff: Pick<SemanticDiff, 'code' | 'from' | 'to' | 'changes'> = {
      code: 'QYKB-0001',
      from: '1',
      to: '2',
      changes: [
        change('changed', 'item', 'QYKB-0001'),
        change('added', 'limit', 'state main:issuing'),
        change('changed', 'limit', 'branch approval/tax'),
        change('added', 'state', 'approval/social:reviewing'),
        change('removed', 'transition', 'main:received+withdraw'),
        change('changed', 'transition', 'main:received+accept#2'),
      ],
    };
    const { marks, ghosts } = diffMarks(diff, referenceGraph, referenceGraph);
    expect(Object.fromEntries(marks)).toEqual({
      issuing: 'changed',
      'approval/tax': 'changed',
      'approval/social/reviewing': 'added',
      'received:withdraw': 'removed',
      'received:accept': 'changed',
    });
    expect(ghosts).toEqual([]);
  });

  it('diffMarks_RemovedState_ComesBackAsAGhostFromTheOlderGraph', () => {
    const newer = { ...referenceGraph, nodes: referenceGraph.nodes.filter((n) => n.id !== 'revoked') };
    const { marks, ghosts } = diffMarks({ changes: [change('removed', 'state', 'main:revoked')] }, newer, referenceGraph);
    expect(marks.get('revoked')).toBe('removed');
    expect(ghosts.map((g) => g.id)).toEqual(['revoked']);
  });
});
