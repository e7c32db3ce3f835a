// What `npm run build` and `npm run serve` agree on: a fingerprint of each part's sources, written beside
// its output when a build succeeds. Plain JavaScript with no dependencies: it runs before anything is built.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The two parts of a build. Each names the folders and files whose contents decide its output (the
 * lockfile too: a new TypeScript, Vite or React version changes what is emitted) and where the stamp
 * lives: inside the output, so removing the output removes the stamp.
 */
export const PARTS = [
  {
    name: 'server',
    inputs: ['src', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    // Tests are not compiled (tsconfig.build.json excludes them): editing one must not rebuild.
    skip: (file) => /\.test\.tsx?$/.test(file),
    output: 'dist/src/main.js',
    stamp: 'dist/.server-stamp',
  },
  {
    name: 'newsroom app',
    inputs: ['newsroom', 'package-lock.json'],
    skip: (file) => /\.test\.tsx?$/.test(file) || file.endsWith('README.md'),
    output: 'dist/newsroom/index.html',
    stamp: 'dist/newsroom/.stamp',
  },
];

function filesUnder(relative, skip, into) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return;
  }
  if (stat.isFile()) {
    if (!skip(relative)) into.push(relative);
    return;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    filesUnder(path.join(relative, entry.name), skip, into);
  }
}

/**
 * A hash of every input's path and contents. Contents, not modification times: a checkout, a copy or a
 * `touch` changes times without changing what would be built (hashing the ~600 files takes ~20 ms).
 */
export function fingerprint(part) {
  const files = [];
  for (const input of part.inputs) filesUnder(input, part.skip, files);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file.split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** 'current', 'missing' (never built, or the output is gone) or 'stale' (sources changed since). */
export function stateOf(part, print = fingerprint(part)) {
  if (!fs.existsSync(path.join(root, part.output))) return 'missing';
  let stamped = null;
  try {
    stamped = fs.readFileSync(path.join(root, part.stamp), 'utf8').trim();
  } catch {
    return 'stale';
  }
  return stamped === print ? 'current' : 'stale';
}

export function writeStamp(part, print) {
  fs.writeFileSync(path.join(root, part.stamp), `${print}\n`);
}
