import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from './importCycles.ts';

const src = fileURLToPath(new URL('../src', import.meta.url));

describe('import cycles', () => {
  it('finds a cycle through several modules and ignores acyclic imports', () => {
    const graph = new Map([
      ['a.ts', ['b.ts', 'd.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts'], ['e.ts', 'e.ts']]);
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  it('reads relative imports, including type-only ones, from the web app sources', () => {
    const graph = importGraph(src);
    expect(graph.get('components/Inspector.tsx')).toContain('yaml/definitionEdits.ts');
    expect(graph.get('views/Editor.tsx')).toContain('editor/InspectorPane.tsx');
    expect(graph.get('editor/InspectorPane.tsx')).toContain('components/Inspector.tsx');
  });

  it('the web app has no import cycles (a component never imports a view that imports it)', () => {
    const cycles = findCycles(importGraph(src)).map((c) => c.join(' → '));
    expect(cycles).toEqual([]);
  });
});
