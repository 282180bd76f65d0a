import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addState,
  addTransition,
  deleteState,
  deleteTransition,
  moveState,
  pasteState,
  regionPath,
  renameState,
  setTransitionField,
  stateData,
  statePath,
} from './definitionEdits';
import { parseYaml } from './yamlText';

const reference = readFileSync(join(__dirname, '../../../definitions/enterprise-establishment.yaml'), 'utf8');
const get = (t: string, p: (string | number)[]) => parseYaml(t).getIn(p);

describe('definitionEdits', () => {
  it('statePath_BranchStateUsingFragment_PointsIntoTheFragment', () => {
    const doc = parseYaml(reference);
    expect(statePath(doc, 'approval/market/reviewing')).toEqual(['fragments', 'review', 'states', 'reviewing']);
    expect(statePath(doc, 'approval/tax')).toEqual(['states', 'approval', 'parallel', 'branches', 'tax']);
    expect(regionPath(doc, '')).toEqual(['states']);
  });

  it('addState_MainFlow_AppendsOneLineAfterTheLastState', () => {
    const out = addState(reference, '', 'archived', '归档');
    expect(out).toContain('  not-accepted: { title: 不予受理, final: true, outcome: not-accepted }\n  archived: { title: 归档 }\n\nfragments:');
    expect(() => addState(out, '', 'archived')).toThrow("state 'archived' already exists");
  });

  it('addTransition_BlockOn_AddsALine', () => {
    const out = addTransition(reference, 'issuing', 'return', 'received');
    expect(out).toContain('      issue:   { to: issued, by: window, when: "!obligations.open(\'supplement\')" }\n      return: received\n');
  });

  it('addTransition_StateWithoutOn_CreatesOn', () => {
    const out = addTransition(reference, 'issued', 'reopen', 'issuing', { by: 'supervisor' });
    expect(out).toContain('  issued:      { title: 已办结, final: true, outcome: approved, on: { reopen: { to: issuing, by: supervisor } } }');
  });

  it('setTransitionField_Shorthand_BecomesFullForm', () => {
    const out = setTransitionField(reference, 'approval/market/reviewing', 'approve', 'by', 'department');
    expect(get(out, ['fragments', 'review', 'states', 'reviewing', 'on', 'approve'])).toEqual(expect.objectContaining({}));
    expect(out).toContain('on: { approve: { to: approved, by: department }, reject: rejected }');
    const back = setTransitionField(out, 'approval/market/reviewing', 'approve', 'by', undefined);
    expect(back).toContain('on: { approve: { to: approved }, reject: rejected }');
  });

  it('renameState_UpdatesEveryReference', () => {
    const out = renameState(reference, 'approval', 'joint-review');
    expect(out).toContain('  joint-review:\n    title: 并联审批');
    expect(out).toContain('accept:           { to: joint-review, by: window, when: "missing.length === 0" }');
    expect(out).toContain('accept-tolerated: { to: joint-review, by: window, tolerance: true }');
    expect(out.match(/joint-review/g)).toHaveLength(4);
    const t = renameState(reference, 'terminated', 'ended');
    expect(t).toContain('  onBreach: ended\n');
    const c = renameState(reference, 'correcting', 'amending');
    expect(c).toContain('  - { on: enter amending, to: applicant, template: one-time-notice, channel: sms }');
    expect(() => renameState(reference, 'issued', '出证')).toThrow('is not a kebab-case name');
  });

  it('renameState_InFragment_UpdatesFragmentTargets', () => {
    const out = renameState(reference, 'approval/tax/approved', 'agreed');
    expect(out).toContain('reviewing: { title: 审查, initial: true, on: { approve: agreed, reject: rejected } }');
    expect(out).toContain('      agreed:  { title: 同意, final: true, outcome: approved }');
  });

  it('deleteState_RemovesTheStateAndTransitionsIntoIt', () => {
    const out = deleteState(reference, 'correcting');
    expect(get(out, ['states', 'correcting'])).toBeUndefined();
    expect(out.match(/correcting/g)).toEqual(['correcting']); // the notify rule stays, for the validator to mark
    expect(get(out, ['states', 'received', 'on', 'notify-missing'])).toBeUndefined();
    expect(out).toContain('      accept-committed: { to: approval, by: window, commitment: true }\n      withdraw:');
  });

  it('deleteTransition_RemovesOnlyThatEvent', () => {
    const out = deleteTransition(reference, 'received', 'withdraw');
    expect(reference.split('\n').length - out.split('\n').length).toBe(1);
  });

  it('moveState_IntoABranchUsingAFragment_MovesItVerbatim', () => {
    const out = moveState(reference, 'correcting', 'approval/market');
    expect(get(out, ['states', 'correcting'])).toBeUndefined();
    expect(out).toContain('      correcting:\n        title: 补正材料（受理前）\n        clock: not-started        # 受理前补正不计时\n');
    const back = moveState(out, 'approval/market/correcting', '');
    expect(get(back, ['states', 'correcting', 'title'])).toBe('补正材料（受理前）');
    expect(back).toContain('  correcting:\n    title: 补正材料（受理前）\n    clock: not-started        # 受理前补正不计时\n');
  });

  it('pasteState_CopiesUnderAFreshNameWithoutInitial', () => {
    const data = stateData(reference, 'received');
    const { text, name } = pasteState(reference, '', 'received', data);
    expect(name).toBe('received-copy');
    expect(get(text, ['states', 'received-copy', 'title'])).toBe('收件');
    expect(get(text, ['states', 'received-copy', 'initial'])).toBeUndefined();
    expect(text.startsWith(reference.slice(0, reference.indexOf('\nfragments:') - 1))).toBe(true);
  });
});
