import { pinyin } from 'pinyin-pro';

/**
 * Ids an author never types: a state, event, material or branch gets its id from the Chinese title it is given, in
 * pinyin (出证 → chu-zheng), as lower-case kebab words — the catalog's way of writing names (docs/dsl.md, "File
 * layout") — and unique among the ids already taken beside it (chu-zheng-2, …). The id is shown and can be edited only
 * in the inspector's 高级 section.
 */

/** The id rule a generated or edited id keeps: lower-case ASCII words of letters and digits joined by single hyphens, starting with a letter. */
export const idRule = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const maxLength = 40;

/** The kebab words of a title: each Chinese character's pinyin without tones, ASCII letters and digits kept, anything else a break. */
export function idWords(title: string): string {
  const syllables = pinyin(title.trim(), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const words = syllables
    .flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/))
    .filter(Boolean);
  let id = '';
  for (const w of words) {
    const next = id ? `${id}-${w}` : w;
    if (next.length > maxLength) break;
    id = next;
  }
  return id;
}

/**
 * A valid id for `title`, not among `taken`: its pinyin words, `fallback` when the title gives none (digits only are
 * prefixed with it), and `-2`, `-3`, … while the id is taken.
 */
export function idFromTitle(title: string, taken: Iterable<string>, fallback = 'item'): string {
  const used = new Set(taken);
  let base = idWords(title) || fallback;
  if (!/^[a-z]/.test(base)) base = `${fallback}-${base}`;
  if (!idRule.test(base)) base = fallback;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Whether an id the author edits is valid and free (its own current value counts as free). */
export function idProblem(id: string, taken: Iterable<string>, current?: string): 'empty' | 'invalid' | 'taken' | null {
  if (!id) return 'empty';
  if (!idRule.test(id)) return 'invalid';
  if (id !== current && new Set(taken).has(id)) return 'taken';
  return null;
}
