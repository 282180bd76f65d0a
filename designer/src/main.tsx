import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { takeTokenFromUrl } from './api/auth';
import { I18nProvider } from './i18n/i18n';
import { AppRoutes } from './routes';

takeTokenFromUrl();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
