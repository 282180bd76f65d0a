import { describe, expect, it } from 'vitest';
import definition from '../../../engine/schema/hongqiflow.schema.json';
import organization from '../../../engine/schema/hongqiflow.organization.schema.json';
import { cursorContext, describeAt, Item, schemaCompletions, schemaFor, type JsonSchema } from './schemaPath';

const schema = definition as JsonSchema;

/** The text with `|` marking the cursor, and the cursor's offset. */
function at(marked: string): [string, number] {
  const pos = marked.indexOf('|');
  return [marked.slice(0, pos) + marked.slice(pos + 1), pos];
}

const labels = (marked: string, root: JsonSchema = schema) => {
  const [text, pos] = at(marked);
  return schemaCompletions(root, text, pos)?.options.map((o) => o.label) ?? [];
};

describe('the YAML path at the cursor', () => {
  it('reads keys and sequence items from the indentation of half-typed text', () => {
    const [text, pos] = at('states:\n  受理:\n    on:\n      accept:\n        - to: 审查\n          b|\n');
    expect(cursorContext(text, pos)).toEqual({ kind: 'key', path: ['states', '受理', 'on', 'accept', Item], from: pos - 1, prefix: 'b', siblings: ['to'] });
  });

  it('knows a value being typed after its key', () => {
    const [text, pos] = at('states:\n  受理:\n    clock: ru|');
    expect(cursorContext(text, pos)).toMatchObject({ kind: 'value', path: ['states', '受理', 'clock'], prefix: 'ru' });
  });

  it('completes nothing inside a comment or a flow collection', () => {
    const [text, pos] = at('# states |');
    expect(cursorContext(text, pos)).toBeNull();
    const [t2, p2] = at('states: { a|');
    expect(schemaCompletions(schema, t2, p2)).toBeNull();
  });
});

describe('key completion from the checked-in schema', () => {
  it('at the top level offers the file sections not yet written, with their Chinese descriptions', () => {
    const [text, pos] = at('hongqiflow: 1\n|\nstates: {}\n');
    const result = schemaCompletions(schema, text, pos)!;
    const names = result.options.map((o) => o.label);
    expect(names).toEqual(expect.arrayContaining(['item', 'materials', 'tolerance', 'fragments', 'notify']));
    expect(names).not.toContain('hongqiflow');
    expect(names).not.toContain('states');
    const item = result.options.find((o) => o.label === 'item')!;
    expect(item.info).toContain('事项基本信息');
    expect(item.required).toBe(true);
  });

  it('inside a state offers the state fields, not those it has', () => {
    const names = labels('states:\n  受理:\n    title: 受理\n    |\n    initial: true\n');
    expect(names).toEqual(expect.arrayContaining(['final', 'clock', 'limit', 'department', 'on', 'after', 'parallel']));
    expect(names).not.toContain('title');
    expect(names).not.toContain('initial');
    expect(names).not.toContain('to');
  });

  it('inside a transition offers the transition fields, in the map form and in a list of guarded transitions', () => {
    expect(labels('states:\n  受理:\n    on:\n      accept:\n        |')).toEqual(expect.arrayContaining(['to', 'by', 'when', 'tolerance', 'commitment', 'notice']));
    const listed = labels('states:\n  受理:\n    on:\n      accept:\n        - to: 审查\n          |');
    expect(listed).toEqual(expect.arrayContaining(['by', 'when']));
    expect(listed).not.toContain('to');
    expect(labels('states:\n  受理:\n    on:\n      accept:\n        - |')).toContain('to');
  });

  it('inside a sequence item offers the item fields (a material)', () => {
    expect(labels('materials:\n  - id: 营业执照\n    |')).toEqual(expect.arrayContaining(['name', 'core', 'tolerable', 'shared']));
  });

  it('offers the allowed values of an enum and of a flag', () => {
    expect(labels('states:\n  受理:\n    clock: |')).toEqual(['running', 'not-started', 'waiting-applicant', 'special-procedure', 'stopped']);
    expect(labels('states:\n  受理:\n    final: |')).toEqual(['true', 'false']);
    expect(labels('states:\n  受理:\n    title: |')).toEqual([]);
  });

  it('replaces the part of the key typed so far and writes the colon', () => {
    const [text, pos] = at('states:\n  受理:\n    cl|');
    const result = schemaCompletions(schema, text, pos)!;
    expect(result.from).toBe(pos - 2);
    const clock = result.options.find((o) => o.label === 'clock')!;
    expect(clock.apply).toBe('clock: ');
    expect(clock.info).toContain('计时方式');
    expect(clock.info).toContain('running | not-started');
    expect(result.options.find((o) => o.label === 'on')!.apply).toBe('on:');
  });

  it('for an organization file follows the organization schema', () => {
    const text = 'hongqiflow: 1\norganization:\n  ';
    const root = schemaFor(text, { definition: schema, organization: organization as JsonSchema });
    expect(root).toBe(organization);
    expect(labels(text + '|', root)).toEqual(expect.arrayContaining(['departments', 'dataSources', 'templates']));
    expect(schemaFor('states:\n  a: {}\n', { definition: schema, organization: organization as JsonSchema })).toBe(schema);
  });
});

describe('key descriptions (hover)', () => {
  it('describes the key under the cursor by its place in the file', () => {
    const [text, pos] = at('states:\n  受理:\n    ti|tle: 受理\n    on:\n      accept:\n        to: 审查\n');
    const d = describeAt(schema, text, pos)!;
    expect(d.key).toBe('title');
    expect(d.description).toContain('显示名称');
    expect(text.slice(d.from, d.to)).toBe('title');
    const toPos = text.indexOf('to: 审查') + 1;
    expect(describeAt(schema, text, toPos)!.description).toContain('目标状态');
  });

  it('describes nothing off a key or on a key the schema does not know', () => {
    const [text, pos] = at('states:\n  受理:\n    title: 受|理\n');
    expect(describeAt(schema, text, pos)).toBeNull();
    const [t2, p2] = at('unknown|: 1\n');
    expect(describeAt(schema, t2, p2)).toBeNull();
  });
});
