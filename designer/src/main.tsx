import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { takeTokenFromUrl } from './api/auth';
import { createQueryClient } from './api/queries';
import { I18nProvider } from './i18n/i18n';
import { AppRoutes } from './routes';

takeTokenFromUrl();
const queryClient = createQueryClient();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
