import { describe, expect, it } from 'vitest';
import { referenceGraph } from '../test/referenceGraph';
import { deletionImpact, moveTargets, planMove, regionLabel } from './structureMove';

// The branches of 企业开办 share the fragment `review`; one of them (seal) has its own states.
const definition = {
  states: {
    issuing: { title: '出证' },
    approval: {
      parallel: {
        branches: {
          market: { title: '营业执照', use: 'review' },
          tax: { title: '发票与税控', use: 'review' },
          social: { title: '社保登记', use: 'review' },
        },
      },
    },
  },
  fragments: { review: { states: { reviewing: {}, approved: {}, rejected: {} } } },
};
const graph = {
  ...referenceGraph,
  nodes: [...referenceGraph.nodes, { id: 'draft', name: 'draft', label: '新状态', kind: 'State' as const, parent: null, initial: false, detail: null }],
};

describe('regionLabel', () => {
  it('reads the main flow and a branch by their titles', () => {
    expect(regionLabel(graph, '', '主流程')).toBe('主流程');
    expect(regionLabel(graph, 'approval/tax', '主流程')).toBe('并联审批 › 发票与税控');
  });
});

describe('moveTargets', () => {
  it('offers every branch for a main-flow state, and not the main flow it is in', () => {
    expect(moveTargets(graph, 'issuing', '主流程').map((r) => r.id)).toEqual(['approval/market', 'approval/tax', 'approval/social']);
  });

  it('offers the main flow and the other branches for a branch state', () => {
    expect(moveTargets(graph, 'approval/tax/reviewing', '主流程').map((r) => r.id)).toEqual(['', 'approval/market', 'approval/social']);
  });

  it('never offers a parallel state its own branches, and nothing for a branch', () => {
    expect(moveTargets(graph, 'approval', '主流程')).toEqual([]);
    expect(moveTargets(graph, 'approval/tax', '主流程')).toEqual([]);
  });
});

describe('planMove', () => {
  it('says that a branch using a shared fragment changes every branch sharing it', () => {
    const plan = planMove(graph, definition, 'draft', 'approval/tax', '主流程')!;
    expect(plan.from.label).toBe('主流程');
    expect(plan.to.label).toBe('并联审批 › 发票与税控');
    expect(plan.fragment).toBe('review');
    expect(plan.sharedLanes.map((l) => l.id)).toEqual(['approval/tax', 'approval/market', 'approval/social']);
    expect(plan.sharedLanes.map((l) => l.label)).toEqual(['发票与税控', '营业执照', '社保登记']);
    expect(plan.broken).toEqual([]);
    expect(plan.clash).toBe(false);
  });

  it('lists the transitions that would cross regions', () => {
    const plan = planMove(graph, definition, 'issuing', 'approval/market', '主流程')!;
    expect(plan.broken).toEqual([
      { from: '并联审批', to: '出证', event: 'join' },
      { from: '出证', to: '已办结', event: 'issue' },
    ]);
  });

  it('refuses a name the target already has', () => {
    expect(planMove(graph, definition, 'approval/tax/rejected', '', '主流程')!.clash).toBe(true);
    expect(planMove(graph, definition, 'approval/tax/reviewing', '', '主流程')!.clash).toBe(false);
  });

  it('moving out to the main flow changes only the main flow', () => {
    const plan = planMove(graph, definition, 'approval/tax/reviewing', '', '主流程')!;
    expect(plan.fragment).toBeNull();
    expect(plan.sharedLanes).toEqual([]);
  });
});

describe('deletionImpact', () => {
  it('names the transitions into and out of a state', () => {
    expect(deletionImpact(graph, 'correcting')).toEqual([
      { from: '收件', to: '补正材料（受理前）', event: 'notify-missing' },
      { from: '补正材料（受理前）', to: '收件', event: 'resubmit' },
      { from: '补正材料（受理前）', to: '不予受理', event: 'timer' },
    ]);
  });

  it('is empty for an unconnected state, and covers the states inside a branch', () => {
    expect(deletionImpact(graph, 'draft')).toEqual([]);
    expect(deletionImpact(graph, 'approval/tax').map((e) => e.event)).toEqual(['approve', 'reject']);
  });
});
