import { describe, expect, it } from 'vitest';
import { normalizeGraph } from './client';
import type { GraphDto } from './types';

describe('normalizeGraph', () => {
  it('maps the server camelCase node kinds to the engine names the graph code uses', () => {
    const graph = { nodes: [{ id: 'a', kind: 'parallel' }, { id: 'a/b', kind: 'branch' }, { id: 'c', kind: 'final' }, { id: 'd', kind: 'State' }], edges: [] } as unknown as GraphDto;
    expect(normalizeGraph({ graph }).graph!.nodes.map((n) => n.kind)).toEqual(['Parallel', 'Branch', 'Final', 'State']);
  });

  it('leaves a missing graph alone', () => {
    expect(normalizeGraph({ graph: null })).toEqual({ graph: null });
  });
});
