import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, rejectionText, renderMessage, titles } from './messages';

const engineCatalog = JSON.parse(readFileSync(join(__dirname, '../../../engine/HongqiFlow.Core/Messages/messages.json'), 'utf8'));

describe('the message catalog', () => {
  it('is the engine file itself, not a copy', () => {
    expect(messages).toEqual(engineCatalog.messages);
    expect(titles).toEqual(engineCatalog.titles);
  });

  it('has a reason for every refused-command code the runtime documents', () => {
    const documented = [...readFileSync(join(__dirname, '../../../docs/diagnostics/runtime.md'), 'utf8').matchAll(/^\| (HQ60\d{2}) \|/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(30);
    for (const code of documented) {
      expect(Object.keys(messages).some((id) => id === code || id.startsWith(`${code}.`)), code).toBe(true);
    }
  });
});

describe('renderMessage and rejectionText', () => {
  const supplement = { outcome: { zh: 'approved', en: 'approved' } };

  it('write a message in either language from the values the server sent', () => {
    expect(renderMessage('HQ6012.supplement', supplement, 'zh')).toBe('办件已办结（approved），无需补充材料。');
    expect(renderMessage('HQ6012.supplement', supplement, 'en')).toBe('The case is finished (approved); no materials are outstanding.');
    const materials = { materials: { zh: '营业执照、章程', en: 'licence, charter' } };
    expect(renderMessage('HQ6031', materials, 'zh')).toBe('以下材料不能以承诺代替：营业执照、章程。');
    expect(renderMessage('HQ6031', materials, 'en')).toBe('These materials cannot be replaced by a pledge: licence, charter.');
  });

  it('leave a placeholder without a value as written, and give null for an unknown id', () => {
    expect(renderMessage('HQ6012.supplement', {}, 'en')).toBe('The case is finished ({outcome}); no materials are outstanding.');
    expect(renderMessage('HQ0000', {}, 'zh')).toBeNull();
  });

  it('read the catalog where the server named the message, and the server text otherwise', () => {
    const rejection = { reason: '服务器的中文', reasonEnglish: 'server English', message: 'HQ6012.supplement', arguments: supplement };
    expect(rejectionText(rejection, 'zh')).toBe('办件已办结（approved），无需补充材料。');
    expect(rejectionText({ ...rejection, message: null }, 'zh')).toBe('服务器的中文');
    expect(rejectionText({ ...rejection, message: 'HQ0000' }, 'en')).toBe('server English');
  });
});
