import { describe, expect, it } from 'vitest';
import { durationWord, eventWord, guardWord, roleWord } from './graphWords';

describe('graphWords', () => {
  it('guardWord_SummarisesCommonGuards_OthersAsConditional', () => {
    expect(guardWord(undefined, 'missing.length === 0')).toBe('材料齐全');
    expect(guardWord(undefined, ' missing.length  > 0 ')).toBe('材料不齐');
    expect(guardWord(undefined, "!obligations.open('supplement')")).toBe('容缺材料已补齐');
    expect(guardWord(undefined, "obligations.open('verification')")).toBe('事后核查未履行');
    expect(guardWord(undefined, 'applicant.age >= 18 && data.x')).toBe('附条件');
    expect(guardWord({ lang: 'en' }, 'missing.length === 0')).toBe('materials complete');
  });

  it('eventWord_PrefersTheTransitionTitle_ThenTheBuiltInName_ThenTheId', () => {
    expect(eventWord(undefined, 'accept', '窗口受理')).toBe('窗口受理');
    expect(eventWord(undefined, 'accept')).toBe('受理');
    expect(eventWord(undefined, 'my-own-event')).toBe('my-own-event');
  });

  it('roleWord_AndDurationWord_ReadInChinese', () => {
    expect(roleWord(undefined, 'window')).toBe('窗口');
    expect(roleWord({ lang: 'zh', departments: { tax: '税务局' } }, 'department:tax')).toBe('税务局');
    expect(durationWord(undefined, '0.5wd')).toBe('0.5个工作日');
    expect(durationWord(undefined, 'P1D')).toBe('P1D');
  });
});
