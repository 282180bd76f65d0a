import { describe, expect, it } from 'vitest';
import type { DefinitionSummary } from '../api/types';
import { initialsOf, matches, matchesInitials } from './catalogSearch';

const item = (name: string, pinyin = ''): DefinitionSummary => ({
  code: 'X-0001',
  name,
  latestVersion: 1,
  hasDraft: false,
  valid: true,
  errors: 0,
  warnings: 0,
  pinyin,
  kind: 'promised',
});

describe('pinyin initials', () => {
  it('initialsOf_CommonName_GivesOneInitialPerCharacter', () => {
    expect(initialsOf('企业开办')).toEqual(['q', 'y', 'k', 'b']);
  });

  it('matches_UncommonCharactersOutsideGb2312Level1_AreNotDropped', () => {
    // 漯 (GB2312 level 2) and 犇 (not in GB2312) were dropped by the former initials table, so `lh` found nothing.
    const luohe = item('漯河市不动产登记', 'HSBDCDJ');
    expect(matches(luohe, 'lhs')).toBe(true);
    expect(matches(luohe, 'lh')).toBe(true);
    expect(matches(item('犇鑫商贸登记'), 'bxsm')).toBe(true);
    expect(matches(luohe, 'hsbdcdj')).toBe(true);
  });

  it('matches_EitherReadingOfAPolyphone', () => {
    expect(matchesInitials('银行开户', 'yhkh')).toBe(true);
    expect(matchesInitials('银行开户', 'yxkh')).toBe(true);
    expect(matchesInitials('重庆市', 'cqs')).toBe(true);
    expect(matchesInitials('重庆市', 'zqs')).toBe(true);
  });

  it('matches_LettersAndDigitsPassThrough_OtherCharactersDropped', () => {
    expect(matchesInitials('A1号（试点）', 'a1hsd')).toBe(true);
    expect(matchesInitials('企业开办', 'qykbx')).toBe(false);
    expect(matchesInitials('企业开办', 'yk')).toBe(true);
    expect(matchesInitials('企业开办', '企业')).toBe(false);
  });

  it('matches_IgnoresTheServersInitials', () => {
    expect(matches(item('企业开办', 'BDC'), 'bdc')).toBe(false);
  });
});
