import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

// src/api/schema.d.ts is generated from src/api/openapi.json (`npm run api:types`, run by `npm run build` and by
// scripts/openapi); the server's OpenApiDocumentTests keeps openapi.json equal to what the server serves.
describe('the generated API types', () => {
  it('schema.d.ts_IsWhatOpenapiTypescriptMakesOfTheCheckedInDocument', async () => {
    const api = join(__dirname, '..', 'src', 'api');
    const document = JSON.parse(readFileSync(join(api, 'openapi.json'), 'utf8'));
    const generated = astToString(await openapiTS(document));
    const checkedIn = readFileSync(join(api, 'schema.d.ts'), 'utf8');
    // The CLI adds a header comment before the same declarations.
    expect(checkedIn.endsWith(generated), 'src/api/schema.d.ts is stale: run `npm run api:types` (or scripts/openapi) and commit it').toBe(true);
  });
});
