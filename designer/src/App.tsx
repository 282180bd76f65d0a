import { useState } from 'react';
import { getToken, setToken } from './api/auth';
import { useI18n } from './i18n/i18n';
import { Link, usePath } from './router';
import { Catalog } from './views/Catalog';
import { Editor } from './views/Editor';
import { Dashboard } from './views/Dashboard';
import { IntakeWindow } from './views/IntakeWindow';
import { Placeholder } from './views/Placeholder';
import { Progress } from './views/Progress';
import { Worklist } from './views/Worklist';

/** The web app's shell: the designer and, beside it, the routes the operations console fills in. */
export function App() {
  const { t, lang, setLang } = useI18n();
  const path = usePath();
  const [token, setTokenDraft] = useState(getToken() ?? '');
  const [tokenOpen, setTokenOpen] = useState(!getToken());
  const editorMatch = /^\/designer\/([^/]+)/.exec(path);
  const nav: [string, Parameters<typeof t>[0]][] = [
    ['/designer', 'navDesigner'],
    ['/window', 'navWindow'],
    ['/worklist', 'navWorklist'],
    ['/dashboard', 'navDashboard'],
    ['/progress', 'navProgress'],
  ];
  let page;
  if (editorMatch) page = <Editor key={editorMatch[1]} code={decodeURIComponent(editorMatch[1])} />;
  else if (path === '/' || path.startsWith('/designer')) page = <Catalog />;
  else if (path.startsWith('/window')) page = <IntakeWindow />;
  else if (path.startsWith('/worklist')) page = <Worklist />;
  else if (path.startsWith('/dashboard')) page = <Dashboard />;
  else if (path.startsWith('/progress')) {
    // The applicant's page: no staff navigation, no token, a phone-sized layout.
    return (
      <div className="app applicant">
        <header className="topbar">
          <strong className="brand">{t('appName')}</strong>
          <span className="spacer" />
          <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
            {t('language')}
          </button>
        </header>
        <main className="page">
          <Progress />
        </main>
      </div>
    );
  } else {
    const n = nav.find(([p]) => path.startsWith(p));
    page = <Placeholder title={n ? t(n[1]) : path} />;
  }
  return (
    <div className="app">
      <header className="topbar">
        <strong className="brand">{t('appName')}</strong>
        <nav aria-label="main">
          {nav.map(([p, k]) => (
            <Link key={p} to={p} className={path.startsWith(p) || (p === '/designer' && path === '/') ? 'active' : undefined}>
              {t(k)}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <button type="button" onClick={() => setTokenOpen((o) => !o)} aria-expanded={tokenOpen}>
          {t('token')}
        </button>
        <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
          {t('language')}
        </button>
      </header>
      {tokenOpen && (
        <form
          className="tokenbar"
          onSubmit={(e) => {
            e.preventDefault();
            setToken(token);
            setTokenOpen(false);
            window.location.reload();
          }}
        >
          <label htmlFor="token">{t('token')}</label>
          <input id="token" data-testid="token" value={token} placeholder={t('tokenPlaceholder')} onChange={(e) => setTokenDraft(e.target.value)} />
          <button type="submit">{t('tokenSave')}</button>
        </form>
      )}
      <main className="page">{page}</main>
    </div>
  );
}
