import { useContext, useEffect, useId, useRef, useState } from 'react';
import { useComposition } from '../ime';
import { HistoryEpoch } from '../state/historyKeys';

interface Props {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  placeholder?: string;
  suggestions?: string[];
  /** Suggestions complete the whole value (an id such as market-regulation), not the word at the cursor. */
  wholeValue?: boolean;
  testId?: string;
  preview?: string;
  mono?: boolean;
}

/**
 * A text field that commits on Enter or blur, never while an input method is composing, so a Chinese name is
 * committed whole. Escape reverts and lets the editor return focus to the graph. Undo and redo keys are the editor's (one
 * history): leaving the field commits what was typed, and after an undo or redo the field shows the document's value again.
 * With suggestions it completes the word at the cursor (guards: case fields).
 */
export function Field({ label, value, onCommit, placeholder, suggestions, wholeValue, testId, preview, mono }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [cursorWord, setCursorWord] = useState('');
  const ime = useComposition();
  const epoch = useContext(HistoryEpoch);
  // Set by Escape: the blur that follows (focus goes back to the graph) must not commit the text just reverted.
  const reverted = useRef(false);
  useEffect(() => setDraft(value), [value, epoch]);
  const commit = () => {
    if (reverted.current) {
      reverted.current = false;
      return;
    }
    if (draft !== value) onCommit(draft);
  };
  const matches = suggestions && cursorWord ? suggestions.filter((s) => s.startsWith(cursorWord) && s !== cursorWord).slice(0, 6) : [];
  const complete = (s: string) => {
    const next = draft.slice(0, draft.length - cursorWord.length) + s;
    setDraft(next);
    setCursorWord('');
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={testId}
        className={mono ? 'mono' : undefined}
        value={draft}
        placeholder={placeholder}
        autoComplete="off"
        {...ime.handlers}
        onChange={(e) => {
          reverted.current = false;
          setDraft(e.target.value);
          const m = wholeValue ? [e.target.value] : /[A-Za-z_.]+$/.exec(e.target.value.slice(0, e.target.selectionStart ?? e.target.value.length));
          setCursorWord(m ? m[0] : '');
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (ime.blocked(e)) return;
          if (e.key === 'Escape') {
            // Reverts, then bubbles: the editor moves focus back to the graph.
            reverted.current = true;
            setDraft(value);
            setCursorWord('');
            return;
          }
          e.stopPropagation();
          if (e.key === 'Tab' && matches.length > 0) {
            e.preventDefault();
            complete(matches[0]);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {matches.length > 0 && (
        <div className="completions" role="listbox" aria-label={label}>
          {matches.map((m) => (
            <button key={m} type="button" role="option" aria-selected={false} onMouseDown={(e) => e.preventDefault()} onClick={() => complete(m)}>
              {m}
            </button>
          ))}
        </div>
      )}
      {preview && <div className="preview">{preview}</div>}
    </div>
  );
}

export function Check({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string }) {
  return (
    <label className="check">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

export function Select({ label, value, options, onChange }: { label: string; value: string; options: (string | [string, string])[]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => {
          const [v, l] = Array.isArray(o) ? o : [o, o];
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </div>
  );
}
