import { describe, expect, it } from 'vitest';
import { departmentName } from '../api/directory';
import { fit } from './Charts';

describe('fit', () => {
  it('keeps a label that fits the column', () => {
    expect(fit('税务局')).toBe('税务局');
    expect(fit('market-regulation')).toBe('market-regulation');
    expect(fit('medical-insurance-origin')).toBe('medical-insurance-…');
  });

  it('keeps ten CJK characters, cuts a longer name after nine', () => {
    expect(fit('人力资源和社会保障局')).toBe('人力资源和社会保障局');
    expect(fit('参保地（转出地）医疗保障经办机构')).toBe('参保地（转出地）医…');
    expect(fit('自然资源局（不动产登记中心）')).toBe('自然资源局（不动产…');
  });
});

describe('departmentName', () => {
  const directory = { departments: { tax: '税务局' }, items: {} };

  it('names a known department and leaves an unknown id as it is', () => {
    expect(departmentName(directory, 'tax')).toBe('税务局');
    expect(departmentName(directory, 'civil-affairs')).toBe('civil-affairs');
    expect(departmentName(directory, null)).toBe('');
  });
});
