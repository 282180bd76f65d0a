import { useCallback } from 'react';
import { isKey, translate, useI18n, type Key, type Lang } from '../i18n/i18n';
import { namesEn } from '../i18n/namesEn';
import { namesZh } from '../i18n/namesZh';

/*
 * The designer's words for places, fields, units and choices live in a dictionary of their own (src/i18n/namesZh.ts,
 * namesEn.ts), loaded with the designer only: the applicant's progress page keeps its small bundle. `useSay` gives a
 * translate function that knows both dictionaries.
 */

export type NamesKey = keyof typeof namesZh;
export type WordKey = Key | NamesKey;
export type Say = (key: WordKey, vars?: Record<string, string | number>) => string;

const names: Record<Lang, Record<NamesKey, string>> = { zh: namesZh, en: namesEn };

export const isNamesKey = (key: string): key is NamesKey => Object.prototype.hasOwnProperty.call(namesZh, key);

/** The text of a key of either dictionary, with its {placeholders} filled. */
export function say(lang: Lang, key: WordKey, vars?: Record<string, string | number>): string {
  if (!isNamesKey(key)) return translate(lang, key, vars);
  let s = names[lang][key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** The translate function of the current language over both dictionaries. */
export function useSay(): { t: Say; lang: Lang } {
  const { lang } = useI18n();
  const t = useCallback<Say>((key, vars) => say(lang, key, vars), [lang]);
  return { t, lang };
}

/** The word for `${prefix}_${id}` in either dictionary, else the id as written. */
export function wordOf(t: Say, prefix: string, id: string): string {
  const key = `${prefix}_${id}`;
  return isNamesKey(key) || isKey(key) ? t(key) : id;
}
