import type { Diagnostic } from '../api/types';
import type { Lang } from './i18n';
import { titles } from './messages';

/**
 * A short Simplified Chinese title for each definition diagnostic (docs/diagnostics/*.md: reading, validation,
 * expressions, samples), shown in the designer's problems panel above the validator's own message, for the business
 * departments who write the items. The titles are the message catalog's (./messages.ts), which holds one per code.
 */
export const diagnosticTitles: Record<string, string> = Object.fromEntries(
  Object.entries(titles)
    .filter(([code]) => /^HQ[1235]\d{3}$/.test(code))
    .map(([code, title]) => [code, title.zh]),
);

/** A diagnostic's message in the reader's language: the engine's Chinese where it wrote one, else the English. */
export const messageOf = (d: Diagnostic, lang: Lang): string => (lang === 'zh' && d.messageZh) || d.message;

/** A diagnostic's fix in the reader's language (see {@link messageOf}). */
export const fixOf = (d: Diagnostic, lang: Lang): string | null | undefined => (lang === 'zh' && d.fixZh) || d.fix;
