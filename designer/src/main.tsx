import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { takeTokenFromUrl } from './api/auth';
import { App } from './App';
import { I18nProvider } from './i18n/i18n';

takeTokenFromUrl();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
