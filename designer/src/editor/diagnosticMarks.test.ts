import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../api/types';
import { diagnosticMarks, diagnosticSelection, offsetOf, pathSegments } from './diagnosticMarks';

const yaml = 'item:\n  code: A\nstates:\n  审核:\n    title: 审核\n';
const diag = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'HQ0001', severity: 'error', message: 'm', line: null, column: null, path: null, ...over }) as Diagnostic;

describe('diagnostic marks', () => {
  it('reads a diagnostic path as YAML segments, indexes as numbers', () => {
    expect(pathSegments('/states/审核/on/0')).toEqual(['states', '审核', 'on', 0]);
  });

  it('finds a line and column, and the end of the text past its last line', () => {
    expect(offsetOf(yaml, 2, 3)).toBe(8);
    expect(offsetOf(yaml, 99, 1)).toBe(yaml.length);
  });

  it('marks a diagnostic at its path (the key and its value), else on its line to the line end; one with neither is not marked', () => {
    const marks = diagnosticMarks([], [diag({ path: '/states/审核/title' }), diag({ line: 2, column: 3, severity: 'warning' }), diag({})], yaml, 'en');
    expect(marks).toHaveLength(2);
    expect(yaml.slice(marks[0].from, marks[0].to)).toBe('title: 审核');
    expect(marks[1].severity).toBe('warning');
    expect(yaml.slice(marks[1].from, marks[1].to)).toBe('code: A');
    expect(marks[0].message.startsWith('HQ0001: ')).toBe(true);
  });

  it('selects the range of a diagnostic with a path, the caret at its line without one', () => {
    const sel = diagnosticSelection(yaml, diag({ path: '/states/审核/title' }));
    expect(yaml.slice(sel.from, sel.to)).toBe('title: 审核');
    expect(diagnosticSelection(yaml, diag({ line: 2, column: 3 }))).toEqual({ from: 8, to: 8 });
    expect(diagnosticSelection(yaml, diag({}))).toEqual({ from: 0, to: 0 });
  });
});
