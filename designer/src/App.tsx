import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { isAuditor } from './api/roles';
import { getToken, setToken } from './api/auth';
import { useI18n } from './i18n/i18n';

const nav = [
  ['/designer', 'navDesigner'],
  ['/window', 'navWindow'],
  ['/tasks', 'navTasks'],
  ['/worklist', 'navWorklist'],
  ['/dashboard', 'navDashboard'],
  ['/progress', 'navProgress'],
] as const;

/** The staff shell: navigation, the token bar and the language switch around the role's page (loaded on demand). */
export function StaffShell() {
  const { t, lang, setLang } = useI18n();
  const path = useLocation().pathname;
  const [token, setTokenDraft] = useState(getToken() ?? '');
  const [tokenOpen, setTokenOpen] = useState(!getToken());
  return (
    <div className="app">
      <header className="topbar">
        <strong className="brand">{t('appName')}</strong>
        <nav aria-label="main">
          {[...nav, ...(isAuditor() ? ([['/audit', 'navAudit']] as const) : [])].map(([p, k]) => (
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
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}

/** The applicant's shell: no staff navigation, no token, a phone-sized layout. */
export function ApplicantShell() {
  const { t, lang, setLang } = useI18n();
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
        <Outlet />
      </main>
    </div>
  );
}
