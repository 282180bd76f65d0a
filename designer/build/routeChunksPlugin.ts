import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { chunksOfRoute, forbiddenModules, notForProgress, progressBudget, type BuiltChunk } from './routeChunks.ts';

/**
 * Fails the build when the applicant's page (/progress) would download the designer or a staff page, or when its
 * JavaScript exceeds the budget gzipped; prints what it loads.
 */
export function progressChunkCheck(): Plugin {
  return {
    name: 'hongqi-progress-chunk-check',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks: (BuiltChunk & { code: string })[] = [];
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        chunks.push({ fileName: out.fileName, isEntry: out.isEntry, facadeModuleId: out.facadeModuleId, imports: out.imports, moduleIds: out.moduleIds, code: out.code });
      }
      const loaded = chunksOfRoute(chunks, '/src/views/Progress.tsx') as typeof chunks;
      const bad = forbiddenModules(loaded, notForProgress);
      if (bad.length > 0) this.error(`/progress loads modules it must not:\n  ${bad.join('\n  ')}`);
      const gzipped = loaded.reduce((sum, c) => sum + gzipSync(c.code, { level: 9 }).length, 0);
      const raw = loaded.reduce((sum, c) => sum + Buffer.byteLength(c.code), 0);
      this.info(`/progress loads ${loaded.length} JavaScript files: ${(raw / 1000).toFixed(1)} kB, ${(gzipped / 1000).toFixed(1)} kB gzipped (budget ${progressBudget / 1000} kB)`);
      if (gzipped > progressBudget) this.error(`/progress's JavaScript is ${gzipped} bytes gzipped, over the budget of ${progressBudget}`);
    },
  };
}
