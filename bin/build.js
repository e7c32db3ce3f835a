#!/usr/bin/env node
// `npm run build`: compiles the server (tsc) and bundles the newsroom app (Vite), each only when its
// sources changed since its last successful build (build-stamp.js). `--force` builds both regardless.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fingerprint, PARTS, root, stateOf, writeStamp } from './build-stamp.js';

const COMMANDS = {
  server: ['tsc', '-p', 'tsconfig.build.json'],
  'newsroom app': ['vite', 'build', '--config', 'newsroom/vite.config.ts'],
};
// tsc's record of its last emit (tsconfig.build.json). tsc compares the sources with it, never the outputs:
// with the record left behind, a deleted dist/src or a forced build emits nothing and the output stays gone.
const INCREMENTAL_RECORD = { server: 'dist/.tsbuildinfo' };

const force = process.argv.includes('--force');
for (const part of PARTS) {
  const print = fingerprint(part);
  const state = force ? 'forced' : stateOf(part, print);
  if (state === 'current') {
    process.stdout.write(`build: the ${part.name} is up to date (its sources have not changed)\n`);
    continue;
  }
  process.stdout.write(`build: building the ${part.name} (${state})\n`);
  const record = INCREMENTAL_RECORD[part.name];
  if (record && state !== 'stale') fs.rmSync(path.join(root, record), { force: true });
  const [tool, ...args] = COMMANDS[part.name];
  // The tools from this project's node_modules, as npm scripts would find them.
  const bin = path.join(root, 'node_modules', '.bin', tool);
  const result = spawnSync(bin, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    // No status: the tool never ran (node_modules missing: run npm ci) or was killed.
    const why = result.error ? `${bin}: ${result.error.message}` : 'see above';
    process.stderr.write(`build: the ${part.name} did not build (${why})\n`);
    process.exit(result.status ?? 1);
  }
  if (part.name === 'server') removeOrphans();
  // No stamp for an output that is not there: serve would call it unbuilt and the next build would run again.
  if (!fs.existsSync(path.join(root, part.output))) {
    process.stderr.write(`build: the ${part.name} built without error but ${part.output} is missing\n`);
    process.exit(1);
  }
  // The fingerprint taken before the build: a source edited while it ran makes the next build run again.
  writeStamp(part, print);
}

/**
 * Removes what tsc emitted for a source since deleted or renamed: tsc never deletes an output, and a
 * stale `dist/src/x.js` would still be found by an import the deleted source's callers kept, so a build
 * would run code the checkout no longer has.
 */
function removeOrphans() {
  for (const folder of ['src', 'migrations', 'bench']) {
    const out = path.join(root, 'dist', folder);
    if (!fs.existsSync(out)) continue;
    for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true })) {
      const emitted = /^(.*)\.js(\.map)?$/.exec(entry.name);
      if (!entry.isFile() || !emitted) continue;
      const source = path.join(root, path.relative(path.join(root, 'dist'), entry.parentPath), emitted[1]);
      if (['.ts', '.tsx'].some((ext) => fs.existsSync(source + ext))) continue;
      fs.rmSync(path.join(entry.parentPath, entry.name));
      process.stdout.write(
        `build: removed ${path.relative(root, path.join(entry.parentPath, entry.name))} (its source is gone)\n`,
      );
    }
  }
}
