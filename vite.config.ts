import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Relative base: the built folder runs from any static host and any sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
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
