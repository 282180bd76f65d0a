import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticTitles } from './diagnosticTitles';

/** The codes a definition can get from the validator, as docs/diagnostics documents them. */
const documented = ['parsing', 'validation', 'expressions', 'samples'].flatMap((file) =>
  [...readFileSync(join(__dirname, `../../../docs/diagnostics/${file}.md`), 'utf8').matchAll(/^\| (HQ\d{4}) \|/gm)].map((m) => m[1]),
);

describe('diagnosticTitles', () => {
  it('has a Chinese title for every documented definition diagnostic, and for nothing else', () => {
    expect(documented.length).toBeGreaterThan(70);
    expect(Object.keys(diagnosticTitles).sort()).toEqual([...new Set(documented)].sort());
  });

  it('keeps every title short and in Chinese', () => {
    for (const [code, title] of Object.entries(diagnosticTitles)) {
      expect(title, code).toMatch(/[\u4e00-\u9fff]/);
      expect(title.length, code).toBeLessThanOrEqual(24);
      expect(title, code).not.toMatch(/[。，；.]$/);
    }
  });
});
