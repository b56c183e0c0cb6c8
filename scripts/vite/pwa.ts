/**
 * Offline after one visit (a lecture hall without network): the options of vite-plugin-pwa,
 * which writes the service worker (Workbox's precache of the build's file list, with a
 * revision hash per file) and the web app manifest at build time. Nothing of it runs under the
 * dev server (devOptions are off), so `npm run dev` and the unit tests are as before.
 *
 * What is precached is what the page and the training worker fetch: the app shell (HTML, CSS,
 * the entry and its chunks), the training worker's chunk (the fused WebAssembly kernel is
 * inlined in it as base64), the tfjs wasm backend's SIMD and plain `.wasm` (src/worker/
 * backends.ts; the threaded one is never fetched: WASM_HAS_MULTITHREAD_SUPPORT is off), the
 * icons, the manifest and the published run schema. The diagnostics page (a developer's tool,
 * with a 1.4 MB bench worker) stays on the network and is never answered with the app's page.
 *
 *   first visit ─▶ page registers ./sw.js (scope: the app's own folder) ─▶ precache every file
 *   later visit ─▶ the service worker answers from the cache, online or not
 *   new deploy  ─▶ the new service worker installs and waits ─▶ "A new version is available"
 *               ─▶ Reload: it takes over and the page reloads on the new files
 *
 * Scope: the base is relative ('./'), so the page registers `./sw.js` with scope `./`: the
 * folder the app is served from, whatever sub-path that is (e2e/deploy.spec.ts, offline.spec.ts).
 */
import type { VitePWAOptions } from 'vite-plugin-pwa';

/** The light theme's colours of src/app/styles/tokens.css (a unit test holds them equal). */
export const MANIFEST_COLOURS = { theme: '#f5f5f2', background: '#f5f5f2' };

export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  // The page registers the worker itself (src/app/UpdatePrompt.tsx), to offer the reload.
  injectRegister: false,
  includeAssets: ['icons/apple-touch-icon.png'],
  manifest: {
    id: './',
    name: 'Lottery Lens',
    short_name: 'Lottery Lens',
    description: 'An interactive explorable of how lottery tickets form in a toy combinatorial network.',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: MANIFEST_COLOURS.theme,
    background_color: MANIFEST_COLOURS.background,
    icons: [
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // The manifest and its icons are added by the plugin itself; the diagnostics page and its
    // bench worker (1.4 MB) are a developer's tool, left to the network.
    globPatterns: ['**/*.{html,js,css,wasm,json}'],
    globIgnores: ['**/*threaded*.wasm', 'diagnostics.html', 'assets/diagnostics-*', 'assets/bench.worker-*'],
    // The entry chunk carries tfjs and the worker the fused kernel: both are over Workbox's
    // 2 MiB default.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    // Any navigation inside the scope (a shared link's query, an embed) gets the app's page.
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/diagnostics\.html$/],
    cleanupOutdatedCaches: true,
  },
  devOptions: { enabled: false },
};
