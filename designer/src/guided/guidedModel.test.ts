import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../yaml/yamlText';
import {
  addBranch,
  addMaterial,
  deleteCard,
  idFromTitle,
  insertParallel,
  insertStep,
  joinDuration,
  readFlow,
  removeBranch,
  retarget,
  setCardField,
  setTimeLimit,
  splitDuration,
} from './guidedModel';

const root = join(__dirname, '../../..');
const templates = readFileSync(join(root, 'engine/HongqiFlow.Server/Definitions/DefinitionTemplates.cs'), 'utf8');

/** A catalog template as a new item gets it (the C# raw string, unindented and filled in). */
function template(name: 'Basic' | 'Parallel'): string {
  const m = new RegExp(`private const string ${name} = """\\n([\\s\\S]*?)\\n\\s*""";`).exec(templates)!;
  return (
    m[1]
      .split('\n')
      .map((l) => l.replace(/^ {8}/, ''))
      .join('\n')
      .replaceAll('{code}', 'GM-1')
      .replaceAll('{name}', '测试事项') + '\n'
  );
}

const flowOf = (text: string) => readFlow(parseYaml(text).toJS());
const kinds = (text: string) => flowOf(text).cards.map((c) => `${c.kind}:${c.id}`);
const states = (text: string) => parseYaml(text).toJS().states as Record<string, Record<string, unknown>>;

describe('guided view: YAML → cards', () => {
  it('readFlow_BasicTemplate_IsIntakeReviewEnd', () => {
    const flow = flowOf(template('Basic'));
    expect(flow.cards.map((c) => `${c.kind}:${c.id}`)).toEqual(['intake:received', 'step:reviewing', 'end:issued']);
    expect(flow.cards[0].helpers).toEqual(['correcting']);
    expect(flow.cards[1].department).toBe('government-service');
    expect(flow.simple).toBe(true);
    expect(flow.hidden).toEqual([]);
    expect(flow.timeLimit).toEqual({ promised: '5wd', statutory: '20wd' });
    expect(flow.materials).toEqual([{ id: 'application', name: '申请书' }]);
  });

  it('readFlow_ParallelTemplate_ShowsTheDepartmentSet', () => {
    const flow = flowOf(template('Parallel'));
    expect(flow.cards.map((c) => `${c.kind}:${c.id}`)).toEqual(['intake:received', 'parallel:approval', 'step:issuing', 'end:issued']);
    const set = flow.cards[1];
    expect(set.branches!.map((b) => [b.name, b.department, b.custom])).toEqual([
      ['market', 'market-regulation', false],
      ['tax', 'tax', false],
    ]);
    expect(set.join).toBe('all');
    expect(flow.simple).toBe(true);
  });

  it('readFlow_EnterpriseEstablishment_IsALineOfCards', () => {
    // 容缺/告知承诺 acceptances lead to the same next step, and the 补正 before acceptance (with its expiry) belongs to 收件.
    const flow = flowOf(readFileSync(join(root, 'definitions/enterprise-establishment.yaml'), 'utf8'));
    expect(flow.cards.map((c) => `${c.kind}:${c.id}`)).toEqual(['intake:received', 'parallel:approval', 'step:issuing', 'end:issued']);
    expect(flow.cards[0].helpers).toEqual(['correcting']);
  });

  it('readFlow_BusinessLicenceChange_StopsAtTheRoutingAndNamesTheRest', () => {
    const flow = flowOf(readFileSync(join(root, 'definitions/business-licence-change.yaml'), 'utf8'));
    expect(flow.cards.map((c) => c.id)).toEqual(['received', 'routing']);
    expect(flow.cards[1].reasons).toEqual(['conditional']);
    expect(flow.cards[1].readOnly).toBe(true);
    expect(flow.hidden.map((h) => h.title)).toContain('登记审查（承办）');
    expect(flow.simple).toBe(false);
  });

  it('readFlow_CountersigningAndReturns_AreReadOnly', () => {
    const flow = flowOf(readFileSync(join(root, 'definitions/housing-fund-loan.yaml'), 'utf8'));
    expect(flow.cards.find((c) => c.id === 'deciding')!.reasons).toEqual(['returns', 'signing']);
    expect(flow.simple).toBe(false);
  });

  it('readFlow_ReturnToAnEarlierStep_IsALoopAndReadOnly', () => {
    const text = `states:
  a: { title: 收件, initial: true, on: { accept: b } }
  b: { title: 审查, department: tax, on: { approve: c, back: a } }
  c: { title: 办结, final: true, outcome: approved }
`;
    const flow = flowOf(text);
    // The line goes on past the return, which is shown read-only.
    expect(flow.cards.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(flow.cards[1].reasons).toEqual(['loop']);
    expect(flow.cards[1].readOnly).toBe(true);
    expect(flow.hidden).toEqual([]);
    expect(flow.simple).toBe(false);
    expect(() => insertStep(text, 'b', { title: '复核', department: 'tax' })).toThrow();
    expect(() => deleteCard(text, 'b')).toThrow();
  });

  it('deleteCard_AfterAReadOnlyCard_IsRefused', () => {
    // c is a plain step, but deleting it would rewrite the read-only b's transitions.
    const text = `states:
  a: { title: 收件, initial: true, on: { accept: b } }
  b: { title: 审查, department: tax, on: { approve: c, back: a } }
  c: { title: 复核, department: tax, on: { approve: d } }
  d: { title: 办结, final: true, outcome: approved }
`;
    expect(flowOf(text).cards.map((c) => [c.id, c.readOnly])).toEqual([['a', false], ['b', true], ['c', false], ['d', false]]);
    expect(() => deleteCard(text, 'c')).toThrow("'b' before it is read-only");
  });

  it('readFlow_AStateOffTheLine_IsListedAsNotShown', () => {
    const text = `states:
  a: { initial: true, on: { go: b } }
  b: { department: tax, on: { ok: c } }
  c: { final: true, outcome: approved }
  orphan: { title: 归档, on: { x: c } }
`;
    const flow = flowOf(text);
    expect(flow.hidden).toEqual([{ id: 'orphan', title: '归档', reason: 'unreached' }]);
    expect(flow.simple).toBe(false);
  });

  it('readFlow_ConditionsTimersReturnsAndNestedBranches_AreNamed', () => {
    const text = `states:
  a: { initial: true, on: { go: [ { to: b, when: "x > 1" }, c ] } }
  b: { after: { 5wd: c }, on: { ok: c } }
  c: { final: true, outcome: approved }
`;
    expect(flowOf(text).cards[0].reasons).toContain('conditional');
    const timer = `states:
  a: { initial: true, on: { go: b } }
  b: { department: tax, after: { 5wd: c }, on: { ok: c } }
  c: { final: true, outcome: approved }
`;
    expect(flowOf(timer).cards[1].reasons).toEqual(['timer']);
    const returns = `states:
  a: { initial: true, on: { go: b } }
  b: { department: tax, task: { position: handler, returns: any }, on: { ok: c } }
  c: { final: true, outcome: approved }
`;
    expect(flowOf(returns).cards[1].reasons).toEqual(['returns']);
    const nested = `states:
  a: { initial: true, on: { go: p } }
  p:
    parallel:
      branches:
        x: { department: tax, use: deep }
    onDone: c
  c: { final: true, outcome: approved }
fragments:
  deep:
    states:
      q: { initial: true, parallel: { branches: { y: { department: tax, states: { s: { initial: true, on: { ok: t } }, t: { final: true } } } } }, onDone: z }
      z: { final: true, outcome: approved }
`;
    expect(flowOf(nested).cards[1].reasons).toContain('nested');
  });
});

describe('guided view: cards → YAML', () => {
  it('insertStep_AfterIntake_AddsAnApproverBetweenAndKeepsComments', () => {
    const basic = template('Basic');
    const { text, id } = insertStep(basic, 'received', { title: '科室审核', department: 'market-regulation', position: 'reviewer', limit: '2wd' });
    expect(id).toBe('ke-shi-shen-he');
    expect(text.startsWith('# 测试事项\n')).toBe(true);
    expect(kinds(text)).toEqual(['intake:received', 'step:ke-shi-shen-he', 'step:reviewing', 'end:issued']);
    const s = states(text);
    expect(s['ke-shi-shen-he']).toEqual({
      title: '科室审核',
      department: 'market-regulation',
      limit: '2wd',
      task: { position: 'reviewer' },
      on: { approve: { to: 'reviewing', by: 'department:market-regulation' }, reject: { to: 'rejected', by: 'department:market-regulation' } },
    });
    // Written where the flow reads it, above the step it leads to, in the catalog's style.
    expect(text).toContain(
      '  ke-shi-shen-he:\n    title: 科室审核\n    department: market-regulation\n    limit: 2wd\n    task: { position: reviewer }\n    on:\n' +
        '      approve: { to: reviewing, by: department:market-regulation }\n      reject: { to: rejected, by: department:market-regulation }\n  reviewing:\n',
    );
    // The intake's accept now leads to the new step; its other fields are as they were, text and all.
    expect(text).toContain('accept:         { to: ke-shi-shen-he, by: window, when: "missing.length === 0" }');
    expect(flowOf(text).simple).toBe(true);
  });

  it('insertParallel_AfterAStep_AddsADepartmentSetUsingTheReviewFragment', () => {
    const basic = template('Basic');
    const { text, id } = insertParallel(basic, 'reviewing', '并联审批', [
      { department: 'tax', title: '税务局', limit: '3wd' },
      { department: 'public-security', title: '公安局' },
    ]);
    expect(id).toBe('bing-lian-shen-pi');
    expect(kinds(text)).toEqual(['intake:received', 'step:reviewing', 'parallel:bing-lian-shen-pi', 'end:issued']);
    const doc = parseYaml(text).toJS();
    expect(doc.states['bing-lian-shen-pi']).toEqual({
      title: '并联审批',
      parallel: {
        join: 'all',
        onReject: 'rejected',
        branches: { tax: { department: 'tax', title: '税务局', limit: '3wd', use: 'review' }, 'public-security': { department: 'public-security', title: '公安局', use: 'review' } },
      },
      onDone: 'issued',
    });
    expect(Object.keys(doc.fragments.review.states)).toEqual(['reviewing', 'approved', 'rejected']);
    expect(doc.states.reviewing.on.approve).toEqual({ to: 'bing-lian-shen-pi', by: 'window' });
    // The parallel template's own fragment is reused rather than copied.
    const again = insertParallel(template('Parallel'), 'approval', '二次并联', [{ department: 'housing' }]).text;
    expect(Object.keys(parseYaml(again).toJS().fragments)).toEqual(['review']);
  });

  it('branches_AddAndRemove_KeepOne', () => {
    const par = template('Parallel');
    const added = addBranch(par, 'approval', { department: 'public-security', title: '公安局' });
    expect(Object.keys(states(added).approval.parallel as object)).toContain('branches');
    expect(Object.keys((states(added).approval.parallel as { branches: object }).branches)).toEqual(['market', 'tax', 'public-security']);
    const removed = removeBranch(removeBranch(added, 'approval', 'market'), 'approval', 'tax');
    expect(() => removeBranch(removed, 'approval', 'public-security')).toThrow();
  });

  it('deleteCard_ReconnectsTheCardBefore', () => {
    const { text } = insertStep(template('Basic'), 'received', { title: '初审', department: 'tax' });
    const out = deleteCard(text, 'chu-shen');
    expect(kinds(out)).toEqual(['intake:received', 'step:reviewing', 'end:issued']);
    expect(out).toContain('accept:         { to: reviewing, by: window, when: "missing.length === 0" }');
    expect(() => deleteCard(out, 'received')).toThrow();
  });

  it('setCardField_Department_MovesTheDecisionsSender', () => {
    const { text } = insertStep(template('Basic'), 'received', { title: '初审', department: 'tax' });
    const out = setCardField(text, 'chu-shen', 'department', 'housing');
    const s = states(out)['chu-shen'] as { department: string; on: Record<string, { by: string }> };
    expect(s.department).toBe('housing');
    expect(s.on.approve.by).toBe('department:housing');
    expect(s.on.reject.by).toBe('department:housing');
    const positioned = setCardField(out, 'chu-shen', 'position', 'handler');
    expect((states(positioned)['chu-shen'] as { task: unknown }).task).toEqual({ position: 'handler' });
    expect((states(setCardField(positioned, 'chu-shen', 'position', undefined))['chu-shen'] as { task?: unknown }).task).toBeUndefined();
  });

  it('timeLimitsAndMaterials_PatchInPlace', () => {
    const out = setTimeLimit(template('Basic'), 'promised', '3wd');
    expect(out).toContain('    statutory: 20wd\n    promised: 3wd\n');
    const m = addMaterial(out, '营业执照副本');
    expect(parseYaml(m).toJS().materials[1]).toEqual({ id: 'ying-ye-zhi-zhao-fu-ben', name: '营业执照副本' });
  });

  it('edits_KeepCommentsElsewhere', () => {
    const commented = template('Basic').replace('  reviewing:\n', '  # 由政务服务管理局审查\n  reviewing:\n').replace('    promised: 5wd', '    promised: 5wd   # 承诺时限');
    let out = insertStep(commented, 'received', { title: '初审', department: 'tax' }).text;
    out = insertParallel(out, 'chu-shen', '并联', [{ department: 'housing' }]).text;
    out = setTimeLimit(out, 'statutory', '10wd');
    expect(out).toContain('  # 由政务服务管理局审查\n  reviewing:\n');
    expect(out.indexOf('  chu-shen:\n')).toBeLessThan(out.indexOf('  # 由政务服务管理局审查\n'));
    expect(out).toContain('promised: 5wd   # 承诺时限');
    expect(out.startsWith('# 测试事项\n')).toBe(true);
  });

  it('retarget_ShorthandFullAndJoin', () => {
    const text = `states:
  a: { initial: true, on: { x: b, y: { to: b, by: window } }, onDone: b }
  b: { final: true }
`;
    const s = parseYaml(retarget(text, 'a', 'b', 'c')).toJS().states.a;
    expect(s).toEqual({ initial: true, on: { x: 'c', y: { to: 'c', by: 'window' } }, onDone: 'c' });
  });
});

describe('guided view: ids and durations', () => {
  it('idFromTitle_PinyinKebabAndUnique', () => {
    expect(idFromTitle('审批人', [])).toBe('shen-pi-ren');
    expect(idFromTitle('审批人', ['shen-pi-ren'])).toBe('shen-pi-ren-2');
    expect(idFromTitle('A类审核', [])).toBe('a-lei-shen-he');
    expect(idFromTitle('2号', [])).toBe('step-2-hao');
    expect(idFromTitle('', [])).toBe('step');
    expect(idFromTitle('绿色通道', [])).toBe('lv-se-tong-dao');
  });

  it('durations_SplitAndJoin', () => {
    expect(splitDuration('5wd')).toEqual({ amount: '5', unit: 'wd' });
    expect(splitDuration('0.5wh')).toEqual({ amount: '0.5', unit: 'wh' });
    expect(splitDuration('15min')).toBeNull();
    expect(splitDuration(undefined)).toEqual({ amount: '', unit: 'wd' });
    expect(joinDuration('3', 'wd')).toBe('3wd');
    expect(joinDuration('', 'wd')).toBeUndefined();
    expect(joinDuration('-1', 'd')).toBeUndefined();
  });
});
