import { useEffect, useRef, type KeyboardEvent } from 'react';
import { isComposing } from '../ime';
import { historyInput, historyKey } from '../state/historyKeys';

const inInspector = (el: EventTarget | null): el is HTMLElement => el instanceof HTMLElement && el.closest('.inspector-pane') !== null;

/**
 * One history: undo and redo in an inspector field are the editor's, never the browser's own field undo (which would
 * save a half-undone value as a new edit). What was typed and not yet committed is committed first (by leaving the
 * field), so the undo takes back exactly that and redo brings it again; the fields then show the document (HistoryEpoch).
 * The browser's Undo asked another way (a field's context menu) is the editor's too, and with nothing focused the keys
 * still undo. Returns the capture-phase key handler for the editor's root.
 */
export function useInspectorHistory(undo: () => void, redo: () => void) {
  const history = useRef({ undo, redo });
  history.current = { undo, redo };
  const run = (which: 'undo' | 'redo', field: HTMLElement) => {
    field.blur();
    history.current[which]();
    setTimeout(() => field.isConnected && field.focus(), 0);
  };
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    const onBeforeInput = (e: InputEvent) => {
      const which = historyInput(e.inputType);
      if (!which || !inInspector(e.target)) return;
      e.preventDefault();
      runRef.current(which, e.target);
    };
    const onBodyKey = (e: globalThis.KeyboardEvent) => {
      const which = e.target === document.body && !e.isComposing ? historyKey(e) : null;
      if (!which) return;
      e.preventDefault();
      history.current[which]();
    };
    document.addEventListener('beforeinput', onBeforeInput, true);
    document.addEventListener('keydown', onBodyKey);
    return () => {
      document.removeEventListener('beforeinput', onBeforeInput, true);
      document.removeEventListener('keydown', onBodyKey);
    };
  }, []);

  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (isComposing(e) || !inInspector(e.target)) return;
    const which = historyKey(e);
    if (!which) return;
    e.preventDefault();
    e.stopPropagation();
    run(which, e.target);
  };
}
