import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initialsOf, pinyinTableSource } from './pinyinTable.ts';

const table = fileURLToPath(new URL('../../engine/HongqiFlow.Server/Search/PinyinInitialsTable.g.cs', import.meta.url));
const version = (JSON.parse(readFileSync(fileURLToPath(new URL('../node_modules/pinyin-pro/package.json', import.meta.url)), 'utf8')) as { version: string }).version;

describe('the server pinyin table', () => {
  it('has the initials of uncommon characters and every reading of a polyphone', () => {
    expect(['犇', '燚', '嫣', '璟', '漯'].map((c) => initialsOf(c)[0])).toEqual(['B', 'Y', 'Y', 'J', 'L']);
    expect(initialsOf('行')).toEqual(['X', 'H']);
  });

  it('is what pinyin-pro gives (npm run pinyin-table writes it)', () => {
    const source = pinyinTableSource(version);
    if (process.env.HONGQI_WRITE_PINYIN === '1') writeFileSync(table, source);
    expect(readFileSync(table, 'utf8')).toBe(source);
  });
});
