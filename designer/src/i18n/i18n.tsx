import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { en } from './en';
import { zh } from './zh';

export type Lang = 'zh' | 'en';
export type Key = keyof typeof zh;
const dictionaries: Record<Lang, Record<Key, string>> = { zh, en };

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: Key, vars?: Record<string, string | number>) => string;
}

const Ctx = createContext<I18n | null>(null);

export function translate(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Whether the dictionaries have a text for this key (ids from the engine may have none). */
export function isKey(key: string): key is Key {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

/** The text for `${prefix}_${id}` when there is one, else the id itself (an item's own event names are shown as written). */
export function labelOf(t: (key: Key) => string, prefix: string, id: string): string {
  const key = `${prefix}_${id}`;
  return isKey(key) ? t(key) : id;
}

/** Simplified Chinese by default; the choice is remembered. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('hongqi.lang') === 'en' ? 'en' : 'zh'));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('hongqi.lang', l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  }, []);
  const t = useCallback((key: Key, vars?: Record<string, string | number>) => translate(lang, key, vars), [lang]);
  return <Ctx.Provider value={{ lang, setLang, t }}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const c = useContext(Ctx);
  if (!c) throw new Error('I18nProvider missing');
  return c;
}
