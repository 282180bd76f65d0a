import { pinyin } from 'pinyin-pro';
import type { DefinitionSummary } from '../api/types';

const cache = new Map<string, string[]>();

/**
 * The pinyin initials of a name, one entry per kept character: the letters a searcher may type for it. A Chinese
 * character offers the initial of its reading in context (银行 → y h) and of each other reading (行 → h, x), so
 * 长春 answers both `cc` and `zc`; letters and digits stand for themselves; other characters are dropped. The readings
 * come from pinyin-pro's dictionary, which covers every CJK character, not only GB2312's common ones (漯河 → l h).
 */
export function initialsOf(name: string): string[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const chars = [...name];
  const context = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'spaced' });
  const out: string[] = [];
  chars.forEach((c, i) => {
    if (/^[0-9a-z]$/i.test(c)) {
      out.push(c.toLowerCase());
      return;
    }
    if (!/\p{Script=Han}/u.test(c)) return;
    const letters = new Set<string>();
    const inContext = context.length === chars.length ? context[i] : '';
    for (const r of [inContext, ...pinyin(c, { pattern: 'first', toneType: 'none', type: 'array', multiple: true })]) {
      const l = r?.toLowerCase();
      if (l && /^[a-z]$/.test(l)) letters.add(l);
    }
    if (letters.size > 0) out.push([...letters].join(''));
  });
  cache.set(name, out);
  return out;
}

/** True when `query` (letters and digits, spaces ignored) is a run of the name's initials (`qykb` in 企业开办). */
export function matchesInitials(name: string, query: string): boolean {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (!q || !/^[0-9a-z]+$/.test(q)) return false;
  const initials = initialsOf(name);
  for (let start = 0; start + q.length <= initials.length; start++) {
    let k = 0;
    while (k < q.length && initials[start + k].includes(q[k])) k++;
    if (k === q.length) return true;
  }
  return false;
}

/** Matches a catalog row by name, code, pinyin initials (`qykb` finds 企业开办) or its lead department's name (税务局). */
export function matches(d: DefinitionSummary, query: string, leadName = ''): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return d.name.toLowerCase().includes(q) || d.code.toLowerCase().includes(q) || matchesInitials(d.name, q) || (leadName !== '' && leadName.toLowerCase().includes(q));
}
