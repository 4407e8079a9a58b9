import { defineConfig } from 'vite';

/**
 * The web UI: Preact components compiled by Vite (Oxc for JSX) into static files that Nest
 * serves (src/web/web-ui.ts). Run from the repository root: `vite build --config web/vite.config.ts`.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // helmet's Content-Security-Policy allows no inline script or data: URL for scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
