import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text a browser loads; source maps are for developer tools only and stay as they are. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every script and style sheet of the build, at the
 * highest settings: done once per build rather than on every request, and the server (newsroom-app-files.ts)
 * sends the copy the browser accepts. Without them the editor's first load was about 925 KB of JavaScript
 * over the wire, where issue 13's budget is 300 KB compressed.
 */
export function precompress(): Plugin {
  return {
    name: 'newsroom-precompress',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const writes = Object.entries(bundle).flatMap(([name, file]) => {
        if (!COMPRESSIBLE.test(name) || name.startsWith('.vite/')) return [];
        const source = file.type === 'chunk' ? file.code : file.source;
        const bytes = Buffer.from(source);
        if (bytes.length < MIN_BYTES) return [];
        const target = path.join(dir, name);
        return [
          brotli(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }).then((br) => (br.length < bytes.length ? writeFile(`${target}.br`, br) : undefined)),
          gzipped(bytes, { level: 9 }).then((gz) =>
            gz.length < bytes.length ? writeFile(`${target}.gz`, gz) : undefined,
          ),
        ];
      });
      await Promise.all(writes);
    },
  };
}
