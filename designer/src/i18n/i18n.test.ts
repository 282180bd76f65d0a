import { describe, expect, it } from 'vitest';
import { en } from './en';
import { labelOf, translate, type Key } from './i18n';
import { zh } from './zh';

describe('dictionaries', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) expect(text, key).not.toBe('');
  });
});

describe('labelOf', () => {
  const t = (key: Key) => translate('zh', key);

  it('names the engine events and obligation kinds a history shows', () => {
    expect(labelOf(t, 'ev', 'case-started')).toBe('申请提交');
    expect(labelOf(t, 'ev', 'accept-tolerated')).toBe('容缺受理');
    expect(labelOf(t, 'ob', 'supplement')).toBe('补交容缺材料');
  });

  it('shows an event the item declared itself as it is written', () => {
    expect(labelOf(t, 'ev', 'seal-engraved')).toBe('seal-engraved');
    expect(labelOf(t, 'ev', 'constructor')).toBe('constructor');
  });
});
