import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { publishRunSchema } from './scripts/vite/publishRunSchema.ts';
import { pwaOptions } from './scripts/vite/pwa.ts';

// Relative base: the built folder runs from any static host and any sub-path. The run file's
// schema is published at schema/run.v1.json; a service worker makes the app work offline after
// one visit (scripts/vite/).
export default defineConfig({
  base: './',
  plugins: [react(), publishRunSchema(), VitePWA(pwaOptions)],
  worker: { format: 'es' },
  optimizeDeps: {
    // Found inside the worker only; listing them avoids a dev-server reload (TOOLCHAIN trap 4).
    include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-wasm'],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: { main: 'index.html', diagnostics: 'diagnostics.html' },
    },
  },
  preview: { port: 4173, strictPort: true },
});
