import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The PWA. The router serves dist/app at "/"; in development, vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/app', emptyOutDir: true },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:4100',
      '/healthz': 'http://127.0.0.1:4100',
      '/admin': 'http://127.0.0.1:4100',
    },
  },
});
