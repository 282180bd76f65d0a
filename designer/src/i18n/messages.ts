// Named imports: the bundle takes the sections it reads, not the diagnostic texts the engine alone needs.
import { messages as catalogMessages, titles as catalogTitles } from '../../../engine/HongqiFlow.Core/Messages/messages.json';
import type { Lang } from './i18n';

/**
 * The message catalog the engine, the server and the CLI write from (engine/HongqiFlow.Core/Messages/messages.json,
 * docs/messages.md), imported at build time from its one location: the web app keeps no copy of its own.
 */
export interface MessageText {
  zh: string;
  en: string;
}

/** Sentences by id: refused commands by code (`HQ6002`, `HQ6014.no-materials`), `problem.*`, `notification.*`, … */
export const messages: Record<string, MessageText> = catalogMessages;

/** A short title per diagnostic code. */
export const titles: Record<string, MessageText> = catalogTitles;

/** A value of a message as the server wrote it in each language. */
export type MessageValues = Record<string, MessageText>;

/**
 * Message `id` in `lang` with its named values: `{name}` is a placeholder, `{{` and `}}` a literal brace (the
 * engine's renderer, MessageCatalog.Render, reads the same syntax). Null when the catalog has no such message.
 */
export function renderMessage(id: string, values: MessageValues | null | undefined, lang: Lang): string | null {
  const text = messages[id];
  if (!text) return null;
  return text[lang].replace(/\{\{|\}\}|\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0];
    const value = values?.[name];
    return value ? value[lang] : whole;
  });
}

/** A refused command's reason in `lang`, from the catalog where the server named the message, else as the server wrote it. */
export function rejectionText(
  r: { reason: string; reasonEnglish: string; message?: string | null; arguments?: MessageValues | null },
  lang: Lang,
): string {
  return (r.message ? renderMessage(r.message, r.arguments, lang) : null) ?? (lang === 'en' ? r.reasonEnglish : r.reason);
}
