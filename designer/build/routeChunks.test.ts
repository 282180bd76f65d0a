import { describe, expect, it } from 'vitest';
import { chunksOfRoute, forbiddenModules, notForProgress, type BuiltChunk } from './routeChunks';

const chunk = (fileName: string, facade: string | null, imports: string[], moduleIds: string[], isEntry = false): BuiltChunk => ({
  fileName,
  isEntry,
  facadeModuleId: facade,
  imports,
  moduleIds,
});

const entry = chunk('assets/index.js', '/app/src/main.tsx', ['assets/client.js'], ['/app/src/main.tsx', '/app/src/routes.tsx'], true);
const client = chunk('assets/client.js', null, [], ['/app/src/api/client.ts']);
const editor = chunk('assets/Editor.js', '/app/src/views/Editor.tsx', ['assets/client.js'], ['/app/src/views/Editor.tsx', '/app/node_modules/@xyflow/react/dist/esm/index.js']);

describe('route chunks', () => {
  it('chunksOfRoute_TheEntryTheRouteAndTheirStaticImports', () => {
    const progress = chunk('assets/Progress.js', '/app/src/views/Progress.tsx', ['assets/client.js'], ['/app/src/views/Progress.tsx']);
    const files = chunksOfRoute([entry, client, editor, progress], '/src/views/Progress.tsx').map((c) => c.fileName);
    expect(files.sort()).toEqual(['assets/Progress.js', 'assets/client.js', 'assets/index.js']);
  });

  it('forbiddenModules_ProgressSharingAChunkWithTheDesigner_IsCaught', () => {
    const progress = chunk('assets/Progress.js', '/app/src/views/Progress.tsx', ['assets/Editor.js'], ['/app/src/views/Progress.tsx']);
    const loaded = chunksOfRoute([entry, client, editor, progress], '/src/views/Progress.tsx');
    expect(forbiddenModules(loaded, notForProgress)).toEqual([
      'assets/Editor.js: /app/src/views/Editor.tsx',
      'assets/Editor.js: /app/node_modules/@xyflow/react/dist/esm/index.js',
    ]);
  });

  it('chunksOfRoute_ARouteBundledIntoTheEntry_Throws', () => {
    expect(() => chunksOfRoute([entry, client], '/src/views/Progress.tsx')).toThrow(/no chunk of its own/);
  });
});
