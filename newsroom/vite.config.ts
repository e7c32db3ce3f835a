import { fileURLToPath } from 'node:url';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './compress-plugin.ts';
import { serviceWorker } from './sw-plugin.ts';

const BASE = '/newsroom/';

/** The newsroom app is built into dist/newsroom, which the server's newsroom-app plugin serves at /newsroom/. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: BASE,
  // The app speaks English: React Aria's strings for its other 33 locales would be a tenth of the editor's code.
  plugins: [optimizeLocales.vite({ locales: ['en'] }), react(), serviceWorker(BASE), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/newsroom', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Reported by the build; the first load of the editor must stay under 300 KB compressed (issue 13),
    // which newsroom-bundle.test.ts checks from the manifest (never served: see newsroom-app-files.ts).
    reportCompressedSize: true,
    manifest: true,
    rolldownOptions: {
      // The suggestions package (issue 17) declares no `sideEffects`, so importing its marks and plugin (in
      // the first load) would run, and so bundle, every module of its index there too: the transform and
      // the commands belong in the lazily loaded suggesting chunk. Its modules only define functions,
      // specs and a PluginKey.
      treeshake: {
        moduleSideEffects: [
          { test: /prosemirror-suggest-changes[\\/]dist[\\/]/, sideEffects: false, external: false },
        ],
      },
    },
  },
  server: {
    // `npx vite --config newsroom/vite.config.ts` while `npm start` runs: the API is proxied to it.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
