import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCharacter, idNumberProblem, isPhoneNumber, maskIdNumber, phonePattern } from './idNumber';

describe('resident ID numbers (GB 11643)', () => {
  it('computes the MOD 11-2 check character, X included', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44052418800101001')).toBe('4');
    expect(checkCharacter('11010119900307451')).toBe('4');
  });

  it('accepts a valid number, with a lower-case x too', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem(' 110101199003074514 ')).toBeNull();
  });

  it('names the first problem of an invalid number', () => {
    expect(idNumberProblem('1101051949123100')).toBe('length');
    expect(idNumberProblem('1101051949123100AX')).toBe('digits');
    expect(idNumberProblem('110105194902300020')).toBe('birthDate');
    expect(idNumberProblem('110101199003074515')).toBe('checkDigit');
  });

  it('throws on anything but 17 digits', () => {
    expect(() => checkCharacter('123')).toThrow("17 digits expected, got '123'");
  });

  it('masks the birth date and sequence', () => {
    expect(maskIdNumber('110101199003074514')).toBe('110101********4514');
  });
});

describe('phone numbers', () => {
  it('are checked by the server\'s own pattern', () => {
    const server = readFileSync(join(__dirname, '../../../engine/HongqiFlow.Server/Cases/FieldLimits.cs'), 'utf8');
    const pattern = /\[GeneratedRegex\(@"([^"]+)"\)\]\s*private static partial Regex PhonePattern/.exec(server)?.[1];
    expect(pattern).toBe(phonePattern.source);
  });

  it('takes what the server takes', () => {
    for (const ok of ['13812345678', '010-12345678', '+86 138 1234 5678', ' 12345 ']) expect(isPhoneNumber(ok), ok).toBe(true);
    for (const bad of ['1234', '138-1234-567x', '电话13812345678', '+', '123456789012345678901', '-12345']) expect(isPhoneNumber(bad), bad).toBe(false);
  });
});
