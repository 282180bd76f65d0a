import {
  Document,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

/**
 * Edits of YAML text that touch only the bytes they change: every operation finds the node's source range
 * in a parsed Document and splices new text there, so comments, key order, alignment and quoting elsewhere
 * stay exactly as written. Re-stringifying the whole document would lose alignment and flow styles.
 */
export type Path = readonly (string | number)[];

export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

export function parseYaml(text: string): Document.Parsed {
  return parseDocument(text, { uniqueKeys: false, prettyErrors: false });
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function findPair(map: YAMLMap, key: string | number): Pair<Node, Node | null> | undefined {
  return (map.items as Pair<Node, Node | null>[]).find((p) => isScalar(p.key) && String(p.key.value) === String(key));
}

/** The node at a path, or undefined (a number segment indexes a sequence). */
export function nodeAt(doc: Document, path: Path): Node | undefined {
  let cur: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(cur)) cur = findPair(cur, seg)?.value ?? undefined;
    else if (isSeq(cur) && typeof seg === 'number') cur = cur.items[seg];
    else return undefined;
    if (cur === null || cur === undefined) return undefined;
  }
  return (cur as Node) ?? undefined;
}

const needsQuotesInFlow = /[,[\]{}#]|: |^[&*!|>'"%@`-]/;

/** One scalar as YAML text; keeps the quoting style of the scalar it replaces when that style still fits. */
export function scalarText(value: unknown, inFlow: boolean, prefer?: Scalar.Type): string {
  if (typeof value === 'string') {
    if (prefer === 'QUOTE_DOUBLE' || prefer === 'QUOTE_SINGLE') {
      return stringify(value, { defaultStringType: prefer, lineWidth: 0 }).trimEnd();
    }
    const plain = stringify(value, { lineWidth: 0 }).trimEnd();
    if (inFlow && !plain.startsWith('"') && !plain.startsWith("'") && needsQuotesInFlow.test(value)) {
      return stringify(value, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd();
    }
    return plain;
  }
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Small values stay on one line (the catalog's style); nested maps go block style. */
function isFlat(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => !isPlainObject(v) && !Array.isArray(v));
  if (isPlainObject(value)) return Object.values(value).every((v) => !isPlainObject(v) && !(Array.isArray(v) && v.some(isPlainObject)));
  return true;
}

/** The text of a value placed after `key: ` at a given indentation: a scalar, a flow collection, or a block. */
export function valueText(value: unknown, inFlow: boolean, indent: number, prefer?: Scalar.Type): string {
  if (!isPlainObject(value) && !Array.isArray(value)) return scalarText(value, inFlow, prefer);
  if (inFlow || isFlat(value)) {
    return stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: true }).trimEnd();
  }
  const body = stringify(value, { lineWidth: 0, indent: 2 }).trimEnd();
  const pad = ' '.repeat(indent + 2);
  return '\n' + body.split('\n').map((l) => pad + l).join('\n');
}

/** A replacement that keeps a trailing comment in its column, as hand-aligned comments are in the catalog. */
function aligned(text: string, from: number, to: number, insert: string): TextEdit {
  const m = /^( +)#/.exec(text.slice(to, lineEnd(text, to)));
  if (!m || insert.includes('\n')) return { from, to, insert };
  const delta = to - from - insert.length;
  const spaces = Math.max(1, m[1].length + delta);
  return { from, to: to + m[1].length, insert: insert + ' '.repeat(spaces) };
}

function keyText(key: string | number): string {
  return scalarText(key, true);
}

/** Where a pair's text ends: just past the newline of its last line. */
function pairEnd(text: string, pair: Pair<Node, Node | null>): number {
  const v = pair.value ?? pair.key;
  const end = v.range![1];
  if (isCollection(v) && !v.flow) return end;
  const le = lineEnd(text, end);
  return le < text.length ? le + 1 : le;
}

function itemEnd(text: string, item: Node): number {
  const end = item.range![1];
  if (isCollection(item) && !item.flow) return end;
  const le = lineEnd(text, end);
  return le < text.length ? le + 1 : le;
}

function nestValue(rest: Path, value: unknown): unknown {
  let v = value;
  for (let i = rest.length - 1; i >= 0; i--) v = { [String(rest[i])]: v };
  return v;
}

/** Sets the value at a path, creating missing maps on the way. Setting the value a scalar already has returns the text unchanged. */
export function setIn(text: string, path: Path, value: unknown): string {
  const doc = parseYaml(text);
  let cur: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(cur)) {
      const pair = findPair(cur, seg);
      if (!pair) return insertPair(text, cur, seg, nestValue(path.slice(i + 1), value));
      if (last) return replaceValue(text, cur, pair, value);
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
        return replaceValue(text, cur, pair, nestValue(path.slice(i + 1), value));
      }
      cur = pair.value;
    } else if (isSeq(cur) && typeof seg === 'number') {
      if (seg >= cur.items.length) return appendItem(text, cur, nestValue(path.slice(i + 1), value));
      if (last) return replaceItem(text, cur, seg, value);
      cur = cur.items[seg];
    } else {
      throw new Error(`cannot set ${path.join('.')}: ${path.slice(0, i).join('.') || 'the document'} is not a map`);
    }
  }
  throw new Error('empty path');
}

function replaceValue(text: string, map: YAMLMap, pair: Pair<Node, Node | null>, value: unknown): string {
  const v = pair.value;
  const keyNode = pair.key;
  const indent = column(text, keyNode.range![0]);
  if (v === null || (isScalar(v) && v.value === null && v.range![0] === v.range![1])) {
    // `key:` with nothing after it: put the value right after the colon.
    const colon = text.indexOf(':', keyNode.range![1]);
    return applyEdits(text, [{ from: colon + 1, to: colon + 1, insert: ' ' + valueText(value, !!map.flow, indent).replace(/^\n/, '\n') }]);
  }
  if (isScalar(v)) {
    if (v.value === value) return text;
    return applyEdits(text, [aligned(text, v.range![0], v.range![1], valueText(value, !!map.flow, indent, v.type))]);
  }
  if (isCollection(v) && v.flow) {
    return applyEdits(text, [{ from: v.range![0], to: v.range![1], insert: valueText(value, true, indent) }]);
  }
  // A block collection: rewrite from after the colon (keeping a comment on the key's line) to the block's end.
  const colon = text.indexOf(':', keyNode.range![1]);
  const keyLineEnd = lineEnd(text, colon);
  const newText = valueText(value, false, indent);
  if (newText.startsWith('\n')) {
    return applyEdits(text, [{ from: keyLineEnd, to: v.range![1], insert: newText + '\n' }]);
  }
  return applyEdits(text, [{ from: colon + 1, to: v.range![1], insert: ' ' + newText + '\n' }]);
}

function insertPair(text: string, map: YAMLMap, key: string | number, value: unknown): string {
  const items = map.items as Pair<Node, Node | null>[];
  if (map.flow) {
    const close = map.range![1] - 1;
    const entry = `${keyText(key)}: ${valueText(value, true, 0)}`;
    if (items.length === 0) {
      const open = map.range![0];
      return applyEdits(text, [{ from: open, to: close + 1, insert: `{ ${entry} }` }]);
    }
    const lastEnd = (items[items.length - 1].value ?? items[items.length - 1].key).range![1];
    return applyEdits(text, [{ from: lastEnd, to: lastEnd, insert: `, ${entry}` }]);
  }
  const first = items[0];
  const indent = column(text, first.key.range![0]);
  const at = pairEnd(text, items[items.length - 1]);
  const line = `${' '.repeat(indent)}${keyText(key)}: ${valueText(value, false, indent)}`.replace(/: \n/, ':\n');
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return applyEdits(text, [{ from: at, to: at, insert: prefix + line + '\n' }]);
}

function appendItem(text: string, seq: YAMLSeq, value: unknown): string {
  const items = seq.items as Node[];
  if (seq.flow || items.length === 0) {
    if (items.length === 0) {
      return applyEdits(text, [{ from: seq.range![0], to: seq.range![1], insert: `[ ${valueText(value, true, 0)} ]` }]);
    }
    const lastEnd = items[items.length - 1].range![1];
    return applyEdits(text, [{ from: lastEnd, to: lastEnd, insert: `, ${valueText(value, true, 0)}` }]);
  }
  const dash = text.lastIndexOf('-', items[0].range![0]);
  const indent = column(text, dash);
  const at = itemEnd(text, items[items.length - 1]);
  const body = isPlainObject(value) && !isFlat(value) ? valueText(value, false, indent).trimStart() : valueText(value, false, indent);
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return applyEdits(text, [{ from: at, to: at, insert: `${prefix}${' '.repeat(indent)}- ${body}\n` }]);
}

function replaceItem(text: string, seq: YAMLSeq, index: number, value: unknown): string {
  const item = seq.items[index] as Node;
  if (isScalar(item) && item.value === value) return text;
  const indent = column(text, item.range![0]);
  const t = isScalar(item) ? valueText(value, !!seq.flow, indent, item.type) : valueText(value, true, indent);
  const end = isCollection(item) && !item.flow ? item.range![1] - 1 : item.range![1];
  return applyEdits(text, [{ from: item.range![0], to: end, insert: t }]);
}

/** Removes the value at a path with its key (and its separating comma in flow collections). Missing paths change nothing. */
export function deleteIn(text: string, path: Path): string {
  const doc = parseYaml(text);
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  const key = path[path.length - 1];
  if (isMap(parent)) {
    const items = parent.items as Pair<Node, Node | null>[];
    const idx = items.findIndex((p) => isScalar(p.key) && String(p.key.value) === String(key));
    if (idx < 0) return text;
    const pair = items[idx];
    const start = pair.key.range![0];
    const end = (pair.value ?? pair.key).range![1];
    if (parent.flow) return applyEdits(text, [flowRemoval(text, items.map((p) => [p.key.range![0], (p.value ?? p.key).range![1]]), idx, start, end, parent.range!)]);
    return applyEdits(text, [{ from: lineStart(text, start), to: pairEnd(text, pair), insert: '' }]);
  }
  if (isSeq(parent) && typeof key === 'number') {
    const items = parent.items as Node[];
    if (key >= items.length) return text;
    const item = items[key];
    if (parent.flow) return applyEdits(text, [flowRemoval(text, items.map((i) => [i.range![0], i.range![1]]), key, item.range![0], item.range![1], parent.range!)]);
    return applyEdits(text, [{ from: lineStart(text, item.range![0]), to: itemEnd(text, item), insert: '' }]);
  }
  return text;
}

function flowRemoval(text: string, spans: number[][], idx: number, start: number, end: number, range: readonly number[]): TextEdit {
  if (spans.length === 1) return { from: range[0], to: range[1], insert: text[range[0]] === '{' ? '{}' : '[]' };
  if (idx < spans.length - 1) return { from: start, to: spans[idx + 1][0], insert: '' };
  return { from: spans[idx - 1][1], to: end, insert: '' };
}

/** Renames a map key in place. */
export function renameKey(text: string, path: Path, newKey: string): string {
  const doc = parseYaml(text);
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) throw new Error(`no map at ${path.slice(0, -1).join('.')}`);
  const pair = findPair(parent, path[path.length - 1]);
  if (!pair) throw new Error(`no key ${path.join('.')}`);
  if (findPair(parent, newKey)) throw new Error(`'${newKey}' already exists`);
  return applyEdits(text, [{ from: pair.key.range![0], to: pair.key.range![1], insert: keyText(newKey) }]);
}

/** The raw text of a pair in a block map (its lines) and its key's column, used to move or copy it verbatim. */
export function pairSource(text: string, path: Path): { text: string; indent: number; flow: boolean } | undefined {
  const doc = parseYaml(text);
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const pair = findPair(parent, path[path.length - 1]);
  if (!pair) return undefined;
  if (parent.flow) return undefined;
  const start = lineStart(text, pair.key.range![0]);
  return { text: text.slice(start, pairEnd(text, pair)), indent: column(text, pair.key.range![0]), flow: false };
}

/** Inserts the verbatim lines of a pair (from pairSource) at the end of the block map at a path, re-indented. */
export function insertPairSource(text: string, mapPath: Path, source: { text: string; indent: number }): string {
  const doc = parseYaml(text);
  const map = nodeAt(doc, mapPath);
  if (!isMap(map) || map.flow || map.items.length === 0) return text;
  const items = map.items as Pair<Node, Node | null>[];
  const indent = column(text, items[0].key.range![0]);
  const shift = indent - source.indent;
  const lines = source.text.replace(/\n$/, '').split('\n').map((l) =>
    l.trim() === '' ? l : shift >= 0 ? ' '.repeat(shift) + l : l.slice(Math.min(-shift, l.length - l.trimStart().length)),
  );
  const at = pairEnd(text, items[items.length - 1]);
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return applyEdits(text, [{ from: at, to: at, insert: prefix + lines.join('\n') + '\n' }]);
}

/** The source range [from, to) of the node at a path (the key's value), for selecting it in the editor. */
export function rangeOf(text: string, path: Path): [number, number] | undefined {
  const doc = parseYaml(text);
  const parent = path.length <= 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  if (path.length === 0) return undefined;
  if (isMap(parent)) {
    const pair = findPair(parent, path[path.length - 1]);
    if (!pair) return undefined;
    return [pair.key.range![0], (pair.value ?? pair.key).range![1]];
  }
  const n = nodeAt(doc, path);
  return n?.range ? [n.range[0], n.range[1]] : undefined;
}
