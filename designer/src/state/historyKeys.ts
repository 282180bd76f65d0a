import { createContext } from 'react';

/** The app's undo and redo keys: Ctrl/⌘+Z, Ctrl/⌘+Shift+Z and Ctrl+Y (never with Alt, which input methods use). */
export function historyKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return null;
}

/** The browser's own undo, asked for by a menu or a key (beforeinput): the app's history answers it instead. */
export function historyInput(inputType: string): 'undo' | 'redo' | null {
  return inputType === 'historyUndo' ? 'undo' : inputType === 'historyRedo' ? 'redo' : null;
}

/**
 * Counts undos and redos. A field keeps what is typed in it until it is committed; when the history moves, every field
 * drops what it held and shows the document's value again (even if that value is the one it showed before).
 */
export const HistoryEpoch = createContext(0);
