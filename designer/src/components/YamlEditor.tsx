import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { searchKeymap } from '@codemirror/search';
import { Annotation, EditorSelection, EditorState, Prec } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { schemaAssist } from '../yaml/schemaAssist';

const external = Annotation.define<boolean>();

export interface Mark {
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

interface Props {
  value: string;
  onChange: (text: string) => void;
  onUndo: () => void;
  onRedo: () => void;
  marks: Mark[];
  selection: { from: number; to: number; seq: number } | null;
  label: string;
}

/**
 * The YAML side: CodeMirror without its own history, so one undo stack covers graph, inspector and text; keys and enum
 * values are completed, and keys described on hover, from the checked-in JSON Schema.
 */
export function YamlEditor({ value, onChange, onUndo, onRedo, marks, selection, label }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onUndo, onRedo });
  callbacks.current = { onChange, onUndo, onRedo };

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          highlightActiveLine(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle),
          yaml(),
          schemaAssist(),
          EditorView.lineWrapping,
          // tabindex: the text is reached by Tab as it is by a click (and axe-core sees the scrolled region's content as focusable).
          EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
          Prec.highest(
            keymap.of([
              { key: 'Mod-z', run: () => (callbacks.current.onUndo(), true) },
              { key: 'Mod-Shift-z', run: () => (callbacks.current.onRedo(), true) },
              { key: 'Mod-y', run: () => (callbacks.current.onRedo(), true) },
            ]),
          ),
          keymap.of([...defaultKeymap, ...searchKeymap, indentWithTab]),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(external))) callbacks.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    // CodeMirror draws only the lines near the viewport; scripts (browser tests, assistive tools) read the whole text here.
    const hostElement = host.current as (HTMLDivElement & { yamlText?: () => string }) | null;
    if (hostElement) hostElement.yamlText = () => v.state.doc.toString();
    return () => v.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Text changed from the graph, the inspector or undo: apply the minimal change so the cursor and scroll stay.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const cur = v.state.doc.toString();
    if (cur === value) return;
    let start = 0;
    while (start < cur.length && start < value.length && cur[start] === value[start]) start++;
    let endA = cur.length;
    let endB = value.length;
    while (endA > start && endB > start && cur[endA - 1] === value[endB - 1]) {
      endA--;
      endB--;
    }
    // The edited lines come into view, so a change made on the graph is seen in the text.
    v.dispatch({
      changes: { from: start, to: endA, insert: value.slice(start, endB) },
      annotations: external.of(true),
      effects: EditorView.scrollIntoView(start, { y: 'nearest' }),
    });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const len = v.state.doc.length;
    const ds: CmDiagnostic[] = marks.map((m) => ({ from: Math.min(m.from, len), to: Math.min(Math.max(m.to, m.from), len), severity: m.severity, message: m.message }));
    v.dispatch(setDiagnostics(v.state, ds));
  }, [marks, value]);

  useEffect(() => {
    const v = view.current;
    if (!v || !selection) return;
    const len = v.state.doc.length;
    v.dispatch({ selection: EditorSelection.range(Math.min(selection.from, len), Math.min(selection.to, len)), scrollIntoView: true });
  }, [selection]);

  return <div className="yaml-editor" ref={host} data-testid="yaml-editor" />;
}
