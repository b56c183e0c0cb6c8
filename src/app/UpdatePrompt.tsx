/**
 * The service worker (scripts/vite/pwa.ts) and the prompt it needs. After one visit the app
 * runs offline from the worker's cache; when a new deploy is found, its worker installs and
 * waits, and the page says so instead of silently serving the old copy:
 *
 *   registered ─▶ (new deploy found on a visit, or by the hourly check) ─▶ waiting
 *   waiting ─▶ Reload ─▶ the new worker takes over ─▶ the page reloads on the new files
 *   waiting ─▶ Later  ─▶ the prompt hides; the new files come once no tab of the app is open
 *
 * Under the dev server and in unit tests nothing registers (the plugin's dev mode is off).
 */
import { useRegisterSW } from 'virtual:pwa-register/react';

/** How often an open page asks the host for a new deploy (a lecture tab stays open for hours). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

function checkForUpdates(registration: ServiceWorkerRegistration | undefined) {
  if (!registration) return;
  // Offline, the check fails: nothing to do, the cached copy keeps running.
  setInterval(() => registration.update().catch(() => {}), UPDATE_CHECK_MS);
}

/** Registers the service worker and, in the full app, offers the reload when a new version waits. */
export function UpdatePrompt({ visible = true }: { visible?: boolean }) {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ onRegisteredSW: (_url, registration) => checkForUpdates(registration) });
  if (!visible || !needRefresh) return null;
  return (
    <section className="notice update-prompt" role="status" aria-label="Update" data-testid="update-prompt">
      A new version is available — reload to use it.{' '}
      <button type="button" className="primary" onClick={() => updateServiceWorker(true)}>
        Reload
      </button>{' '}
      <button type="button" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </section>
  );
}
