import { defineConfig } from 'vite';

// Served by the switchboard.console bundle at /console/; everything the page loads comes from there (no CDN, no
// inline script), so the bundle's Content-Security-Policy can allow 'self' only.
export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2022',
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a running Switchboard (SWITCHBOARD_URL, default http://localhost:8181).
    proxy: { '/api': process.env.SWITCHBOARD_URL || 'http://localhost:8181', '/health': process.env.SWITCHBOARD_URL || 'http://localhost:8181' },
  },
});
