import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client';
import { prefetchBudget } from './desk/desk-queries';
import { router } from './router';
import { rememberedStaff, SessionProvider } from './shell/session';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal from the API will not change by asking again; a lost connection may.
      retry: (count, error) => !(error instanceof ApiError) && count < 2,
      refetchOnWindowFocus: false,
      // Offline, queries fail at once (and the editor falls back to the work kept on this device).
      networkMode: 'always',
    },
  },
});

// Today's budget (the app's home, no filters) asks for its lists now, while React starts and asks who is signed in.
if (
  window.location.pathname === import.meta.env.BASE_URL &&
  window.location.search === '' &&
  rememberedStaff()
) {
  prefetchBudget(queryClient);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);

// The service worker keeps the app's files so it opens after a reload without a network.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, {
    scope: import.meta.env.BASE_URL,
  });
}
