import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommentLimit, NameLimit } from './limits';

describe('free-text limits', () => {
  it('are the server\'s own (FieldLimits.Comment)', () => {
    const server = readFileSync(join(__dirname, '../../../engine/HongqiFlow.Server/Cases/FieldLimits.cs'), 'utf8');
    expect(Number(/public const int Comment = (\d+);/.exec(server)?.[1])).toBe(CommentLimit);
    expect(Number(/public const int Name = (\d+);/.exec(server)?.[1])).toBe(NameLimit);
  });
});
