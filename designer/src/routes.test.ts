import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { routes } from './routes';

const leaf = (path: string) => {
  const m = matchRoutes(routes, path);
  const last = m?.[m.length - 1];
  return last ? { id: last.route.id, shell: m[0].route.id, params: last.params } : null;
};

describe('routes', () => {
  it('everyUrlTheAppServes_OpensItsPageInItsShell', () => {
    expect(leaf('/')).toMatchObject({ id: 'catalog-home', shell: 'staff' });
    expect(leaf('/designer')).toMatchObject({ id: 'catalog', shell: 'staff' });
    expect(leaf('/designer/')).toMatchObject({ id: 'catalog', shell: 'staff' });
    expect(leaf('/window')).toMatchObject({ id: 'window', shell: 'staff' });
    expect(leaf('/worklist')).toMatchObject({ id: 'worklist', shell: 'staff' });
    expect(leaf('/dashboard')).toMatchObject({ id: 'dashboard', shell: 'staff' });
    expect(leaf('/audit')).toMatchObject({ id: 'audit', shell: 'staff' });
    expect(leaf('/progress')).toMatchObject({ id: 'progress', shell: 'applicant' });
    expect(leaf('/progress/')).toMatchObject({ id: 'progress', shell: 'applicant' });
  });

  it('editor_TakesTheDecodedCode_AndIgnoresWhatFollows', () => {
    expect(leaf('/designer/QYKB-0001')).toMatchObject({ id: 'editor', params: { code: 'QYKB-0001' } });
    expect(leaf('/designer/A%20B/extra')).toMatchObject({ id: 'editor', params: { code: 'A B' } });
  });

  it('pathsBelowAPage_OpenThatPage_OthersThePlaceholder', () => {
    expect(leaf('/window/anything')).toMatchObject({ id: 'window' });
    expect(leaf('/progress/x')).toMatchObject({ id: 'progress', shell: 'applicant' });
    expect(leaf('/nowhere')).toMatchObject({ id: 'unknown', shell: 'staff' });
  });
});
