/*
 * Key completion and key descriptions for YAML from a JSON Schema, as VS Code's YAML extension gives them with the
 * same checked-in schema (engine/schema/*.schema.json). The path at the cursor is read from the lines' indentation,
 * not from a parse, so it works on the half-typed text being edited; the schema is walked along that path through
 * $ref, oneOf/anyOf/allOf, properties, patternProperties, additionalProperties and items.
 */

/** The parts of a JSON Schema (draft 4) this walks. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  required?: string[];
  definitions?: Record<string, JsonSchema>;
}

/** A step of a YAML path: a mapping key, or an item of a sequence. */
export type Step = string | typeof Item;
export const Item = Symbol('item');

/** Where the cursor is: typing a key (`key`) or the value of `path`'s last key (`value`), and the text typed so far. */
export interface CursorContext {
  kind: 'key' | 'value';
  /** The mapping the key is typed in (kind key), or the key whose value is typed (kind value). */
  path: Step[];
  /** Where the typed word starts (what a completion replaces). */
  from: number;
  prefix: string;
  /** Keys already present beside the one typed (not offered again). */
  siblings: string[];
}

interface LineInfo {
  blank: boolean;
  indent: number;
  dash: boolean;
  keyIndent: number;
  key?: string;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#:"'-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)/;

function unquote(key: string): string {
  return (key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'")) ? key.slice(1, -1) : key;
}

function lineInfo(line: string): LineInfo {
  const m = /^( *)((?:-(?: +|$))?)(.*)$/.exec(line)!;
  const content = m[3];
  const blank = content.trim() === '' && m[2] === '' ? true : content.trimStart().startsWith('#') && m[2] === '';
  const keyMatch = KEY.exec(content);
  return { blank, indent: m[1].length, dash: m[2] !== '', keyIndent: m[1].length + m[2].length, key: keyMatch ? unquote(keyMatch[1].trim()) : undefined };
}

/** Walks up from line `index` (exclusive) to the path of the block that holds something indented by `indent`. */
function pathAbove(lines: string[], index: number, indent: number, path: Step[]): Step[] {
  for (let i = index - 1; i >= 0 && indent > 0; i--) {
    const info = lineInfo(lines[i]);
    if (info.blank) continue;
    if (info.key !== undefined && info.keyIndent < indent) {
      path.unshift(info.key);
      indent = info.keyIndent;
      if (info.dash) {
        path.unshift(Item);
        indent = info.indent;
      }
    } else if (info.dash && info.indent < indent) {
      path.unshift(Item);
      indent = info.indent;
    }
  }
  return path;
}

/** The keys at `indent` in the block around line `index` (above up to the block's start, below up to its end). */
function siblingsAt(lines: string[], index: number, indent: number): string[] {
  const keys: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const info = lineInfo(lines[i]);
    if (info.blank) continue;
    if (info.keyIndent === indent && info.key !== undefined) keys.push(info.key);
    if (info.dash && info.indent < indent) break;
    if (info.keyIndent < indent) break;
  }
  for (let i = index + 1; i < lines.length; i++) {
    const info = lineInfo(lines[i]);
    if (info.blank) continue;
    if (info.indent < indent) break;
    if (info.keyIndent === indent && info.key !== undefined && !info.dash) keys.push(info.key);
  }
  return keys;
}

/** What is being typed at `pos` in `text`, or null where nothing is completed (inside a value's text, a comment, a flow collection). */
export function cursorContext(text: string, pos: number): CursorContext | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const lines = text.split('\n');
  const index = text.slice(0, lineStart).split('\n').length - 1;
  const asKey = /^( *)(-(?: +|$))?([^\s:#{}[\],]*)$/.exec(before);
  if (asKey) {
    const [, spaces, dash = '', prefix] = asKey;
    const keyIndent = spaces.length + dash.length;
    const path = dash ? pathAbove(lines, index, spaces.length, [Item]) : pathAbove(lines, index, keyIndent, []);
    return { kind: 'key', path, from: pos - prefix.length, prefix, siblings: dash ? [] : siblingsAt(lines, index, keyIndent) };
  }
  const asValue = /^( *)(-(?: +))?("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#:"'][^:#]*?)\s*:\s+([^\s#{}[\],]*)$/.exec(before);
  if (asValue) {
    const [, spaces, dash = '', key, prefix] = asValue;
    const path = dash ? pathAbove(lines, index, spaces.length, [Item, unquote(key)]) : pathAbove(lines, index, spaces.length, [unquote(key)]);
    return { kind: 'value', path, from: pos - prefix.length, prefix, siblings: [] };
  }
  return null;
}

function resolve(root: JsonSchema, s: JsonSchema): JsonSchema {
  let out = s;
  for (let i = 0; out.$ref && i < 16; i++) {
    const m = /^#\/definitions\/(.+)$/.exec(out.$ref);
    const target = m ? root.definitions?.[m[1]] : undefined;
    if (!target) break;
    out = { ...target, description: out.description ?? target.description };
  }
  return out;
}

/** The schemas a value may match: the schema itself and each branch of its oneOf/anyOf/allOf, $refs followed. */
export function alternatives(root: JsonSchema, s: JsonSchema): JsonSchema[] {
  const r = resolve(root, s);
  const branches = [...(r.oneOf ?? []), ...(r.anyOf ?? []), ...(r.allOf ?? [])];
  const inner = branches.flatMap((b) => alternatives(root, { ...b, description: b.description ?? (b.$ref ? undefined : r.description) }));
  const self = r.properties || r.patternProperties || r.additionalProperties || r.items || r.enum || r.type ? [r] : [];
  return [...self, ...inner].map((x) => ({ ...x, description: x.description ?? r.description }));
}

function child(root: JsonSchema, s: JsonSchema, step: Step): JsonSchema[] {
  return alternatives(root, s).flatMap((o) => {
    if (step === Item) return o.items ? [o.items] : [];
    if (o.properties && step in o.properties) return [o.properties[step]];
    for (const [pattern, p] of Object.entries(o.patternProperties ?? {})) if (new RegExp(pattern).test(step)) return [p];
    return typeof o.additionalProperties === 'object' ? [o.additionalProperties] : [];
  });
}

/** The schemas of the value at `path` (several when a oneOf allows several shapes), each with its alternatives spread. */
export function schemasAt(root: JsonSchema, path: Step[]): JsonSchema[] {
  let at: JsonSchema[] = [root];
  for (const step of path) at = at.flatMap((s) => child(root, s, step));
  return at.flatMap((s) => alternatives(root, s));
}

/** One completion: the key or value, its type, its description from the schema. */
export interface SchemaOption {
  label: string;
  apply: string;
  detail?: string;
  info?: string;
  kind: 'property' | 'enum';
  required?: boolean;
}

function typeOf(root: JsonSchema, s: JsonSchema): string | undefined {
  const types = new Set(alternatives(root, s).flatMap((a) => (a.enum ? ['enum'] : a.type ? [a.type].flat() : a.properties ? ['object'] : [])));
  return types.size ? [...types].join(' | ') : undefined;
}

function infoOf(root: JsonSchema, s: JsonSchema): string | undefined {
  const r = resolve(root, s);
  const values = alternatives(root, s).flatMap((a) => a.enum ?? []);
  const description = r.description ?? alternatives(root, s).find((a) => a.description)?.description;
  const list = values.length ? `${description ? '\n' : ''}${values.map(String).join(' | ')}` : '';
  return description || list ? `${description ?? ''}${list}` : undefined;
}

/** The keys (or values) the schema allows at the cursor, not those already written beside it; null where none apply. */
export function schemaCompletions(root: JsonSchema, text: string, pos: number): { from: number; options: SchemaOption[] } | null {
  const ctx = cursorContext(text, pos);
  if (!ctx) return null;
  const at = schemasAt(root, ctx.path);
  if (ctx.kind === 'value') {
    const values = [...new Set(at.flatMap((s) => s.enum ?? (s.type === 'boolean' ? [true, false] : [])).map(String))];
    if (values.length === 0) return null;
    return { from: ctx.from, options: values.map((v) => ({ label: v, apply: v, kind: 'enum', detail: typeOf(root, at[0]) })) };
  }
  const seen = new Set(ctx.siblings);
  const options = new Map<string, SchemaOption>();
  for (const s of at) {
    for (const [key, p] of Object.entries(s.properties ?? {})) {
      if (seen.has(key) || options.has(key)) continue;
      const type = typeOf(root, p);
      const scalar = type !== undefined && !/object|array/.test(type);
      options.set(key, { label: key, apply: scalar ? `${key}: ` : `${key}:`, detail: type, info: infoOf(root, p), kind: 'property', required: s.required?.includes(key) });
    }
  }
  if (options.size === 0) return null;
  return { from: ctx.from, options: [...options.values()] };
}

/** The key under `pos` and its description from the schema (what a hover shows), or null. */
export function describeAt(root: JsonSchema, text: string, pos: number): { from: number; to: number; key: string; description: string } | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const lineEnd = text.indexOf('\n', pos) < 0 ? text.length : text.indexOf('\n', pos);
  const line = text.slice(lineStart, lineEnd);
  const info = lineInfo(line);
  if (info.key === undefined) return null;
  const keyText = KEY.exec(line.slice(info.keyIndent))![1].trim();
  const from = lineStart + info.keyIndent;
  const to = from + keyText.length;
  if (pos < from || pos > to) return null;
  const lines = text.split('\n');
  const index = text.slice(0, lineStart).split('\n').length - 1;
  const parent = info.dash ? pathAbove(lines, index, info.indent, [Item]) : pathAbove(lines, index, info.keyIndent, []);
  const described = schemasAt(root, parent).flatMap((s) => child(root, s, info.key!)).map((s) => infoOf(root, s)).find((d) => d);
  return described ? { from, to, key: info.key, description: described } : null;
}

/** Which schema a YAML file follows: the organization directory's when it has a top-level `organization:` key. */
export function schemaFor<T>(text: string, schemas: { definition: T; organization: T }): T {
  return /^organization\s*:/m.test(text) && !/^states\s*:/m.test(text) ? schemas.organization : schemas.definition;
}
