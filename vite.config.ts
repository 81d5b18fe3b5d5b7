import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The PWA. The router serves dist/app at "/"; in development, vite proxies the API to it.
// The service worker (sw/sw.ts) is built by vite-plugin-pwa with the precache manifest
// injected; the page registers it itself (src/app/register-sw.ts).
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'ballast',
        short_name: 'ballast',
        description: 'One endpoint, two LLM providers, and answers that still come when the wifi drops.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#0d1117',
        theme_color: '#1f6feb',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  build: { outDir: 'dist/app', emptyOutDir: true },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:4100',
      '/api': 'http://127.0.0.1:4100',
      '/healthz': 'http://127.0.0.1:4100',
      '/admin': 'http://127.0.0.1:4100',
    },
  },
});
