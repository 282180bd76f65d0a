import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import { deleteIn, parseYaml, renameKey, setIn } from './yamlText';

const definitionsDir = join(__dirname, '../../../definitions');
const files = readdirSync(definitionsDir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.yaml'));
const reference = readFileSync(join(definitionsDir, 'enterprise-establishment.yaml'), 'utf8');

function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push(i + 1);
  return out;
}

function scalarPaths(text: string): (string | number)[][] {
  const doc = parseYaml(text);
  const paths: (string | number)[][] = [];
  visit(doc, {
    Scalar(key, node, path) {
      if (key !== 'value') return;
      const p: (string | number)[] = [];
      for (let i = 1; i < path.length; i++) {
        const parent = path[i - 1] as Node;
        const child = path[i];
        if (isMap(parent)) p.push(String((child as { key: { value: unknown } }).key.value));
        else if (isSeq(parent)) p.push(parent.items.indexOf(child as never));
      }
      if (isScalar(node)) paths.push(p);
    },
  });
  return paths;
}

describe('yamlText', () => {
  it('finds the catalog files', () => {
    expect(files).toContain('enterprise-establishment.yaml');
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(`setIn_SameValueOnEveryScalar_LeavesTextByteIdentical (${file})`, () => {
      const text = readFileSync(join(definitionsDir, file), 'utf8');
      const paths = scalarPaths(text);
      expect(paths.length).toBeGreaterThan(3);
      const doc = parseYaml(text);
      for (const p of paths) expect(setIn(text, p, doc.getIn(p))).toBe(text);
    });
  }

  it('setIn_ScalarInFlowMap_ChangesOnlyThatLine', () => {
    const out = setIn(reference, ['states', 'approval', 'parallel', 'branches', 'tax', 'limit'], '4wh');
    expect(changedLines(reference, out)).toEqual([59]);
    expect(out.split('\n')[58]).toBe(
      '        tax:    { department: tax, title: 发票与税控, limit: 4wh, use: review, onTimeout: approve }   # 超时默认同意',
    );
  });

  it('setIn_QuotedGuard_KeepsDoubleQuotes', () => {
    const out = setIn(reference, ['states', 'received', 'on', 'accept', 'when'], 'missing.length < 1');
    expect(out.split('\n')[40]).toBe('      accept:           { to: approval, by: window, when: "missing.length < 1" }');
    expect(changedLines(reference, out)).toEqual([41]);
  });

  it('setIn_BlockScalarWithComment_KeepsComment', () => {
    const out = setIn(reference, ['item', 'timeLimit', 'promised'], '1wd');
    expect(out.split('\n')[14]).toBe('    promised: 1wd             # 承诺时限');
  });

  it('setIn_MissingKeyInBlockMap_AppendsOneLineAtTheMapsIndent', () => {
    const out = setIn(reference, ['tolerance', 'excludeBadCredit'], false);
    expect(changedLines(reference, out)[0]).toBe(32);
    expect(out.split('\n')[31]).toBe('  excludeBadCredit: false');
    expect(out.replace('  excludeBadCredit: false\n', '')).toBe(reference);
  });

  it('setIn_MissingKeyInFlowMap_AddsItBeforeTheBrace', () => {
    const out = setIn(reference, ['states', 'issued', 'department'], 'government-service');
    expect(out).toContain('  issued:      { title: 已办结, final: true, outcome: approved, department: government-service }');
    expect(changedLines(reference, out)).toHaveLength(1);
  });

  it('setIn_MissingNestedPath_CreatesTheMaps', () => {
    const out = setIn(reference, ['states', 'issuing', 'after', '5wd'], 'terminated');
    expect(out).toContain('    after: { 5wd: terminated }\n  issued:');
    expect(parseYaml(out).getIn(['states', 'issuing', 'after', '5wd'])).toBe('terminated');
  });

  it('setIn_QuotesFlowScalarsThatNeedIt', () => {
    const out = setIn(reference, ['states', 'issued', 'title'], '已办结, 出证');
    expect(out).toContain('{ title: "已办结, 出证", final: true');
    expect(parseYaml(out).getIn(['states', 'issued', 'title'])).toBe('已办结, 出证');
  });

  it('setIn_AppendToBlockSequence_AddsAnItemLine', () => {
    const out = setIn(reference, ['materials', 5], { id: 'seal', name: '印章', optional: true });
    expect(out).toContain('   # 数据共享，免提交\n  - { id: seal, name: 印章, optional: true }\n');
  });

  it('deleteIn_BlockPair_RemovesItsLinesOnly', () => {
    const out = deleteIn(reference, ['states', 'correcting']);
    expect(out).not.toContain('correcting:\n');
    expect(out).toContain('      withdraw:         { to: withdrawn, by: [applicant, window] }\n  approval:\n');
    expect(reference.split('\n').length - out.split('\n').length).toBe(6);
  });

  it('deleteIn_FlowPair_RemovesItsComma', () => {
    const a = deleteIn(reference, ['states', 'issued', 'final']);
    expect(a).toContain('  issued:      { title: 已办结, outcome: approved }');
    const b = deleteIn(reference, ['states', 'issued', 'outcome']);
    expect(b).toContain('  issued:      { title: 已办结, final: true }');
  });

  it('renameKey_KeepsAlignmentAndComments', () => {
    const out = renameKey(reference, ['states', 'received', 'on', 'accept'], 'accept-all');
    expect(out.split('\n')[40]).toBe('      accept-all:           { to: approval, by: window, when: "missing.length === 0" }');
    expect(() => renameKey(reference, ['states', 'received', 'on', 'accept'], 'withdraw')).toThrow("'withdraw' already exists");
  });

  it('comments_SurviveEveryEdit', () => {
    let out = setIn(reference, ['item', 'name'], '企业开办（一网通办）');
    out = deleteIn(out, ['states', 'withdrawn']);
    out = setIn(out, ['states', 'issuing', 'limit'], '1wh');
    const comments = (t: string) => t.split('\n').filter((l) => l.includes('#')).map((l) => l.slice(l.indexOf('#')));
    expect(comments(out)).toEqual(comments(reference));
  });
});
