import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../yaml/yamlText';
import { conditionWords, guardOf, numberWords, parseGuard, parseNumber } from './condition';
import { deleteCard, insertCondition, insertStep, readFlow, setCondition } from './guidedModel';

const templates = readFileSync(join(__dirname, '../../../engine/HongqiFlow.Server/Definitions/DefinitionTemplates.cs'), 'utf8');
const basic = () =>
  /private const string Basic = """\n([\s\S]*?)\n\s*""";/
    .exec(templates)![1]
    .split('\n')
    .map((l) => l.replace(/^ {8}/, ''))
    .join('\n')
    .replaceAll('{code}', 'GM-1')
    .replaceAll('{name}', '测试事项') + '\n';

const flowOf = (text: string) => readFlow(parseYaml(text).toJS());
const states = (text: string) => parseYaml(text).toJS().states as Record<string, Record<string, unknown>>;

/** 收件 → 集体审议 → 出证 (the template's 审查, renamed) → 已办结. */
function withReviewBoard(): string {
  const out = insertStep(basic(), 'received', { title: '集体审议', department: 'government-service' }).text;
  return out.replace('title: 审查', 'title: 出证');
}

describe('condition in words ⇄ guard', () => {
  it('parseNumber_TakesWanYiFullWidthAndCommas', () => {
    expect(parseNumber('100万')).toBe('1000000');
    expect(parseNumber('１００ 万')).toBe('1000000');
    expect(parseNumber('1.5亿')).toBe('150000000');
    expect(parseNumber('1,000,000')).toBe('1000000');
    expect(parseNumber('1.1万')).toBe('11000');
    expect(parseNumber('一百万')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('numberWords_SaysWanAndYi', () => {
    expect(numberWords('1000000')).toBe('100万');
    expect(numberWords('150000000')).toBe('1.5亿');
    expect(numberWords('500')).toBe('500');
  });

  it('guardOf_WritesTheDslGuard_AndParseGuardReadsItBack', () => {
    const amount = { field: 'data.amount', comparison: 'gt', value: '100万' } as const;
    expect(guardOf(amount)).toBe('data.amount > 1000000');
    expect(conditionWords({ ...amount, value: '1000000' })).toBe('金额大于100万');
    expect(parseGuard('data.amount > 1000000')).toEqual({ field: 'data.amount', comparison: 'gt', value: '1000000' });
    expect(guardOf({ field: 'missing.length', comparison: 'lte', value: '0' })).toBe('missing.length <= 0');
    const credit = { field: 'applicant.badCredit', comparison: 'is', value: '' } as const;
    expect(guardOf(credit)).toBe('applicant.badCredit === true');
    expect(conditionWords(credit)).toBe('申请人有失信记录：是');
    expect(parseGuard('applicant.badCredit !== true')).toEqual({ field: 'applicant.badCredit', comparison: 'isNot', value: '' });
    expect(guardOf({ field: 'data.amount', comparison: 'gt', value: '很多' })).toBeNull();
    // Guards of any other shape are not put in words.
    expect(parseGuard('missing.length === 0 && data.amount > 1')).toBeNull();
    expect(parseGuard("(data.changes || []).includes('x')")).toBeNull();
    expect(parseGuard('data.amount === true')).toBeNull();
  });
});

describe('guided view: 条件分支', () => {
  const when = { field: 'data.amount', comparison: 'gt', value: '100万' } as const;

  it('insertCondition_AfterIntake_WritesASystemRouteWithTheGuardAndReadsBackAsACard', () => {
    const text = withReviewBoard();
    const { text: out, id } = insertCondition(text, 'received', '金额判断', { when, then: 'ji-ti-shen-yi', otherwise: 'reviewing' });
    expect(id).toBe('jin-e-pan-duan');
    expect(out).toContain(`  jin-e-pan-duan:
    title: 金额判断
    on:
      route:
        - { to: ji-ti-shen-yi, by: system, when: "data.amount > 1000000", title: 金额大于100万 }
        - { to: reviewing, by: system, title: 其他情况 }
  ji-ti-shen-yi:`);
    expect(states(out).received.on).toMatchObject({ accept: { to: 'jin-e-pan-duan' } });
    const flow = flowOf(out);
    expect(flow.cards.map((c) => `${c.kind}:${c.id}`)).toEqual(['intake:received', 'condition:jin-e-pan-duan', 'step:ji-ti-shen-yi', 'step:reviewing', 'end:issued']);
    expect(flow.cards[1].condition).toMatchObject({ words: '金额大于100万', then: 'ji-ti-shen-yi', otherwise: 'reviewing', skip: 'reviewing', when: { field: 'data.amount', comparison: 'gt', value: '1000000' } });
    expect(flow.cards[1].readOnly).toBe(false);
    expect(flow.simple).toBe(true);
  });

  it('insertCondition_TheNextCardMayBeTheOtherwise', () => {
    const text = withReviewBoard();
    const out = insertCondition(text, 'received', '条件分支', { when: { ...when, comparison: 'lte' }, then: 'reviewing', otherwise: 'ji-ti-shen-yi' }).text;
    const card = flowOf(out).cards[1];
    expect(card).toMatchObject({ kind: 'condition', next: 'ji-ti-shen-yi', condition: { skip: 'reviewing', words: '金额不超过100万' } });
  });

  it('insertCondition_RefusesWaysThatLeaveTheLineOrABadNumber', () => {
    const text = withReviewBoard();
    expect(() => insertCondition(text, 'received', '条件', { when, then: 'reviewing', otherwise: 'issued' })).toThrow(/next/);
    expect(() => insertCondition(text, 'received', '条件', { when, then: 'ji-ti-shen-yi', otherwise: 'received' })).toThrow(/later/);
    expect(() => insertCondition(text, 'received', '条件', { when, then: 'ji-ti-shen-yi', otherwise: 'ji-ti-shen-yi' })).toThrow(/same/);
    expect(() => insertCondition(text, 'received', '条件', { when: { ...when, value: 'x' }, then: 'ji-ti-shen-yi', otherwise: 'reviewing' })).toThrow(/guard/);
  });

  it('setCondition_PatchesTheGuardTitleAndTargetsInPlace', () => {
    const text = insertCondition(withReviewBoard(), 'received', '金额判断', { when, then: 'ji-ti-shen-yi', otherwise: 'reviewing' }).text;
    const out = setCondition(text, 'jin-e-pan-duan', { when: { field: 'data.capital', comparison: 'gte', value: '5000万' }, then: 'ji-ti-shen-yi', otherwise: 'issued' });
    expect(out).toContain('- { to: ji-ti-shen-yi, by: system, when: "data.capital >= 50000000", title: 注册资本不少于5000万 }');
    expect(out).toContain('- { to: issued, by: system, title: 其他情况 }');
    expect(flowOf(out).cards[1].condition!.skip).toBe('issued');
  });

  it('deleteCard_TheSkippedTo_CardMovesTheConditionOn_AndTheConditionItselfCanGo', () => {
    const text = insertCondition(withReviewBoard(), 'received', '金额判断', { when, then: 'ji-ti-shen-yi', otherwise: 'reviewing' }).text;
    const noReview = deleteCard(text, 'reviewing');
    expect(states(noReview).reviewing).toBeUndefined();
    expect(flowOf(noReview).cards[1].condition).toMatchObject({ then: 'ji-ti-shen-yi', otherwise: 'issued' });
    const noCondition = deleteCard(text, 'jin-e-pan-duan');
    expect(flowOf(noCondition).cards.map((c) => c.id)).toEqual(['received', 'ji-ti-shen-yi', 'reviewing', 'issued']);
  });

  it('readFlow_AGuardTheCardsCannotSay_StaysReadOnly', () => {
    const text = `states:
  a: { initial: true, on: { go: r } }
  r: { on: { route: [ { to: b, by: system, when: "data.x.length > 2 && missing.length === 0" }, { to: c, by: system } ] } }
  b: { department: tax, on: { ok: c } }
  c: { final: true, outcome: approved }
`;
    expect(flowOf(text).cards[1]).toMatchObject({ kind: 'step', readOnly: true, reasons: ['conditional'] });
  });
});
