import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticTitles, fixOf, messageOf } from './diagnosticTitles';

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

describe('messageOf and fixOf', () => {
  const d = { code: 'HQ2001', severity: 'error', line: 1, column: 1, path: '/states/received', message: "event 'accept' goes to 'isued'", fix: "did you mean 'issued'?", messageZh: "事件 'accept' 流向 'isued'", fixZh: "是否应为 'issued'？" };

  it('read Chinese where the engine wrote it, English otherwise', () => {
    expect(messageOf(d, 'zh')).toBe("事件 'accept' 流向 'isued'");
    expect(fixOf(d, 'zh')).toBe("是否应为 'issued'？");
    expect(messageOf(d, 'en')).toBe("event 'accept' goes to 'isued'");
    expect(fixOf(d, 'en')).toBe("did you mean 'issued'?");
    expect(messageOf({ ...d, messageZh: null }, 'zh')).toBe("event 'accept' goes to 'isued'");
    expect(fixOf({ ...d, fixZh: undefined }, 'zh')).toBe("did you mean 'issued'?");
  });
});
