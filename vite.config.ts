import { type Plugin, defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * index.html carries the production Content-Security-Policy (same origin only). The dev server needs
 * two things that policy forbids: Vite injects component styles as <style> elements, and HMR talks
 * over a WebSocket. Relax the policy for `vite dev` only; builds keep index.html's policy as written.
 */
function devCsp(): Plugin {
  return {
    name: 'cape-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:"),
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    devCsp(),
    VitePWA({
      strategies: 'generateSW',
      // An update waits for the user ("New version available — reload"), never swaps code underneath them.
      registerType: 'prompt',
      // Registered from src/ui/app-update.svelte.ts (no inline script: the CSP forbids it).
      injectRegister: false,
      // The glob below already precaches every file of the build; listing them again would duplicate entries.
      includeAssets: [],
      includeManifestIcons: false,
      manifest: {
        name: 'CAPE Prep — IEEPA refund analyzer',
        short_name: 'CAPE Prep',
        description:
          'Analyse ACE ES-003 exports for IEEPA duty refunds (CAPE) in your browser. Your data never leaves this device.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b3d5c',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The whole build, the dataset worker chunk included, so a reload offline works.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first install takes over the open page at once, so it works offline without a reload.
        // Updates still wait for the user (no skipWaiting).
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
});
