import type { Diagnostic, GraphDto } from '../api/types';
import type { Mark } from '../components/YamlEditor';
import { edgeForPath, nodeForPath } from '../graph/mapGraph';
import { fixOf, messageOf } from '../i18n/diagnosticTitles';
import { rangeOf, type Path } from '../yaml/yamlText';

/** A diagnostic's path (`/states/审核/on/0`) as YAML path segments (numbers for sequence indexes). */
export function pathSegments(path: string): Path {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The offset of a 1-based line and column in `text` (the end of the text past its last line). */
export function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + Math.max(0, column - 1);
}

/** Where a diagnostic points in the YAML text: its path's range, else its line and column, else nowhere. */
export function diagnosticRange(yamlText: string, d: Diagnostic): { from: number; to: number } | undefined {
  const r = d.path ? rangeOf(yamlText, pathSegments(d.path)) : undefined;
  const from = r ? r[0] : d.line ? offsetOf(yamlText, d.line, d.column ?? 1) : undefined;
  if (from === undefined) return undefined;
  const to = r ? r[1] : yamlText.indexOf('\n', from) < 0 ? yamlText.length : yamlText.indexOf('\n', from);
  return { from, to };
}

/** What choosing a diagnostic selects in the YAML text: its path's range, else the caret at its line and column (or the start). */
export function diagnosticSelection(yamlText: string, d: Diagnostic): { from: number; to: number } {
  const r = d.path ? rangeOf(yamlText, pathSegments(d.path)) : undefined;
  const from = r ? r[0] : d.line ? offsetOf(yamlText, d.line, d.column ?? 1) : 0;
  return { from, to: r ? r[1] : from };
}

/** The editor's marks: the local parse errors, then each server diagnostic at its place with its message (and fix). */
export function diagnosticMarks(parseMarks: Mark[], diagnostics: Diagnostic[], yamlText: string, lang: 'zh' | 'en'): Mark[] {
  const out = [...parseMarks];
  for (const d of diagnostics) {
    const range = diagnosticRange(yamlText, d);
    if (!range) continue;
    const fix = fixOf(d, lang);
    out.push({
      ...range,
      severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
      message: `${d.code}: ${messageOf(d, lang)}${fix ? ` (${fix})` : ''}`,
    });
  }
  return out;
}

/** The diagnostics each node and each edge of the graph carries (a badge on the canvas). */
export function problemTargets(diagnostics: Diagnostic[], graph: GraphDto | null, definition: unknown) {
  const byNode = new Map<string, Diagnostic[]>();
  const byEdge = new Map<string, Diagnostic[]>();
  if (graph) {
    for (const d of diagnostics) {
      const e = edgeForPath(d.path, graph, definition);
      if (e) byEdge.set(e, [...(byEdge.get(e) ?? []), d]);
      const n = nodeForPath(d.path, graph, definition);
      if (n) byNode.set(n, [...(byNode.get(n) ?? []), d]);
    }
  }
  return { byNode, byEdge };
}
