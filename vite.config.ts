import { type Plugin, defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { REFERRER_POLICY, contentSecurityPolicy, headersFile } from './deploy/security-headers.ts';

/** Where `_headers` places the app on its site: `/` unless built with CAPE_PREP_PATH=/some/path/. */
function sitePath(): string {
  const path = process.env.CAPE_PREP_PATH ?? '/';
  if (!/^\/(.+\/)?$/.test(path)) throw new Error(`CAPE_PREP_PATH must start and end with "/": ${path}`);
  return path;
}

/**
 * The security policy of deploy/security-headers.ts: as <meta> elements at the top of index.html (a host
 * that cannot send headers still gives the page its policy) and as dist/_headers for hosts that read it.
 * The dev server needs two things the policy forbids: Vite injects component styles as <style> elements,
 * and HMR talks over a WebSocket. `vite dev` relaxes the page's policy for those only.
 */
function securityHeaders(): Plugin {
  let dev = false;
  return {
    name: 'cape-security-headers',
    configResolved: (config) => void (dev = config.command === 'serve'),
    transformIndexHtml(html) {
      const csp = contentSecurityPolicy('meta');
      const content = dev
        ? csp
            .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            .replace("connect-src 'self'", "connect-src 'self' ws: wss:")
        : csp;
      // Right after the charset and before any script or style: a <meta> policy governs only what follows it.
      const charset = '<meta charset="UTF-8" />';
      if (!html.includes(charset)) throw new Error(`index.html must start its <head> with ${charset}`);
      return html.replace(
        charset,
        `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${content}" />` +
          `\n    <meta name="referrer" content="${REFERRER_POLICY}" />`,
      );
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(sitePath()) });
    },
  };
}

export default defineConfig({
  plugins: [
    svelte(),
    securityHeaders(),
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
        // Copies of the app under different paths of one origin must leave each other alone, so neither of
        // vite-plugin-pwa's defaults here: a navigation fallback would make the copy at `/` answer navigations
        // to `/other/copy/` with its own index.html, and workbox's outdated-cache clean-up deletes every
        // precache whose name merely contains this copy's scope (so the root copy would delete all the
        // others'). The app's folder URL still opens offline (the precache maps `…/` to `…/index.html`), and
        // a new version's activation removes stale entries from this copy's own cache.
        navigateFallback: null,
        cleanupOutdatedCaches: false,
        // The first install takes over the open page at once, so it works offline without a reload.
        // Updates still wait for the user (no skipWaiting).
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  // Every URL in the build is relative (assets, worker, manifest, icons, service worker and its scope),
  // so the same build runs at a domain root and under any sub-path.
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      // src/core is pure (no DOM, no I/O: lint enforces it), and decimal.js only defines its class: a module
      // of either whose exports nothing uses is dropped. The UI reads core's vocabularies (filing statuses,
      // segments) whose modules also import the analysis; without this, decimal.js and the interest engine
      // rode in the first page load (~11 KB gzip) though only the worker computes interest.
      treeshake: { moduleSideEffects: (id) => !/[\\/]src[\\/]core[\\/]|[\\/]decimal\.js[\\/]/.test(id) },
    },
  },
});
