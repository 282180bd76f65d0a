import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { progressChunkCheck } from './build/routeChunksPlugin.ts';

// The server serves dist/ at "/" with an SPA fallback; in development the API is proxied to a local `hongqi serve`.
export default defineConfig({
  base: '/',
  plugins: [react(), progressChunkCheck()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  worker: { format: 'es' },
  server: {
    // The YAML editor's completion reads the checked-in JSON Schemas from engine/schema; the message catalog
    // is imported from the engine (src/i18n/messages.ts).
    fs: { allow: ['.', '../engine/schema', '../engine/HongqiFlow.Core/Messages'] },
    proxy: { '/api': process.env.HONGQI_API ?? 'http://127.0.0.1:5080' },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts', 'build/**/*.test.ts'], testTimeout: 30000 },
});
