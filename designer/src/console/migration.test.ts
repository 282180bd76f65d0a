import { describe, expect, it } from 'vitest';
import { invalidatedBy, keys } from '../api/queries';
import type { GraphDto, ItemModel, PlannedCase } from '../api/types';
import { translate, type Key } from '../i18n/i18n';
import { describeEvent, namesOf } from './describe';
import { chosenMapping, mappingPairs, mappingRows, migratedMark, movable, regionsText } from './migration';

type Node = GraphDto['nodes'][number];
const node = (id: string, label: string, kind: Node['kind'] = 'State', parent: string | null = null): Node => ({
  id,
  name: id.split('/').pop()!,
  label,
  kind,
  parent,
  initial: false,
});
const graph = (...nodes: Node[]): GraphDto => ({ nodes, edges: [] });

const v1 = graph(
  node('received', '收件'),
  node('correcting', '补正材料'),
  node('approval', '并联审批', 'Parallel'),
  node('approval/tax', '发票与税控', 'Branch', 'approval'),
  node('approval/tax/reviewing', '审查', 'State', 'approval/tax'),
  node('approval/social', '社保登记', 'Branch', 'approval'),
  node('approval/social/reviewing', '审查', 'State', 'approval/social'),
  node('issued', '已办结', 'Final'),
);
const v2 = graph(
  node('received', '收件'),
  node('supplementing', '补充材料'),
  node('approval', '并联审批', 'Parallel'),
  node('approval/tax', '发票与税控', 'Branch', 'approval'),
  node('approval/tax/checking', '核查', 'State', 'approval/tax'),
  node('issued', '已办结', 'Final'),
);

describe('mappingRows', () => {
  it('lists each old state without a same-named state in its region, with the new region’s non-final states by title', () => {
    const rows = mappingRows(v1, v2);
    expect(rows.map((r) => r.key)).toEqual(['correcting', 'approval/tax:reviewing']);
    expect(rows[0].label).toBe('补正材料');
    expect(rows[0].choices.map((c) => c.value)).toEqual(['received', 'supplementing', 'approval']);
    expect(rows[0].choices[1].label).toBe('补充材料');
    expect(rows[0].choices.map((c) => c.label).join()).not.toMatch(/[a-z]/);
    expect(rows[1].label).toBe('发票与税控 · 审查');
    expect(rows[1].choices.map((c) => c.value)).toEqual(['checking']);
  });

  it('asks nothing for a branch the new version drops, nor when the names match', () => {
    expect(mappingRows(v1, v1)).toEqual([]);
    expect(mappingRows(v1, v2).some((r) => r.key.startsWith('approval/social'))).toBe(false);
  });

  it('sends only the rows given a state', () => {
    expect(chosenMapping({ correcting: 'supplementing', 'approval/tax:reviewing': '' })).toEqual({ correcting: 'supplementing' });
  });
});

describe('regionsText', () => {
  it('names each region and state by its title on the version', () => {
    expect(regionsText(['main=approval', 'approval/tax=reviewing'], v1)).toBe('并联审批、发票与税控：审查');
    expect(regionsText(['main=gone'], v2)).toBe('gone');
  });
});

describe('movable', () => {
  it('leaves out the cases that cannot move', () => {
    const c = (caseId: string, cls: string) => ({ caseId, class: cls }) as PlannedCase;
    expect(movable([c('a', 'clean'), c('b', 'cannot-move'), c('d', 'consequences')]).map((x) => x.caseId)).toEqual(['a', 'd']);
  });
});

describe('migratedMark', () => {
  const moved = (from: string, to: string, at: string) => ({ type: 'case-migrated', at, user: 'admin-1', data: { fromVersion: from, toVersion: to } });

  it('is null for a case never moved, else from the first old version to the last new one', () => {
    expect(migratedMark([{ type: 'accept', at: '2026-12-07T01:00:00Z', user: 'w', data: {} }])).toBeNull();
    expect(migratedMark(null)).toBeNull();
    const mark = migratedMark([moved('1', '2', '2026-12-07T01:00:00Z'), moved('2', '3', '2026-12-08T01:00:00Z')])!;
    expect([mark.from, mark.to, mark.moves.length]).toEqual([1, 3, 2]);
  });
});

describe('the case-migrated history entry', () => {
  const model = { stateTitles: { supplementing: '补充材料', correcting: '补正材料' }, branches: [{ region: 'approval/tax', name: 'tax', title: '发票与税控', department: 'tax' }] } as unknown as ItemModel;
  const zh = (key: Key, vars?: Record<string, string | number>) => translate('zh', key, vars);
  const names = namesOf(model, (id) => (id === 'tax' ? '税务局' : id), zh);

  it('says the versions and the mapping in words', () => {
    expect(mappingPairs('correcting → supplementing, approval/tax:reviewing → checking')).toEqual([
      ['correcting', 'supplementing'],
      ['approval/tax:reviewing', 'checking'],
    ]);
    const text = describeEvent(
      { type: 'case-migrated', data: { from: 'QYKB-0001@1', to: 'QYKB-0001@2', fromVersion: '1', toVersion: '2', mapping: 'correcting → supplementing, approval/tax:reviewing → checking' } },
      zh,
      names,
    );
    expect(text).toBe('第 1 版 → 第 2 版；状态对应：补正材料 → 补充材料，发票与税控 · 税务局 · reviewing → checking');
    expect(describeEvent({ type: 'case-migrated', data: { fromVersion: '1', toVersion: '2', mapping: '' } }, zh, names)).toBe('第 1 版 → 第 2 版');
  });
});

describe('executing a migration', () => {
  it('refreshes the moved cases and the plan', () => {
    const stale = invalidatedBy({ kind: 'casesMigrated', code: 'A', caseIds: ['c-1'] });
    expect(stale).toContainEqual(keys.case('c-1'));
    expect(stale).toContainEqual(['definitions', 'A', 'migration-plan']);
  });
});
