import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue 13's budget: the JavaScript of the editor's first load (the app's entry and the story screen, with
 * every file they import before running) under 300 KB compressed. Measured on the real build (`npm test`
 * builds first) from Vite's manifest, in the copies the server sends (newsroom/compress-plugin.ts).
 */
const BUDGET_BYTES = 300 * 1024;
const build = fileURLToPath(new URL('../../../dist/newsroom/', import.meta.url));

interface ManifestEntry {
  file: string;
  imports?: string[];
  css?: string[];
}

function firstLoad(manifest: Record<string, ManifestEntry>, roots: string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const entry = manifest[key];
    if (!entry) throw new Error(`the build's manifest has no ${key}`);
    if (files.has(entry.file)) return;
    files.add(entry.file);
    for (const imported of entry.imports ?? []) visit(imported);
  };
  for (const root of roots) visit(root);
  return [...files];
}

describe('the newsroom app build', () => {
  const manifestFile = path.join(build, '.vite', 'manifest.json');

  it("keeps the editor's first load under 300 KB of compressed JavaScript, sent as .br or .gz", () => {
    if (!fs.existsSync(manifestFile)) {
      throw new Error(`no build at ${build}: run npm run build (npm test does it first)`);
    }
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestEntry>;
    const files = firstLoad(manifest, ['index.html', 'src/story/StoryPage.tsx']);
    expect(files.length).toBeGreaterThan(1);
    const sizes = files.map((file) => {
      const full = path.join(build, file);
      const raw = fs.statSync(full).size;
      // A file under 1 KB has no compressed copy: it is sent as it is.
      const copy = (suffix: string) =>
        fs.existsSync(`${full}${suffix}`) ? fs.statSync(`${full}${suffix}`).size : raw;
      return { file, raw, br: copy('.br'), gz: copy('.gz') };
    });
    const total = (key: 'raw' | 'br' | 'gz') => sizes.reduce((sum, s) => sum + s[key], 0);
    const report = sizes.map((s) => `${s.file}: ${s.raw} B, br ${s.br} B, gzip ${s.gz} B`).join('\n');
    // gzip is the larger of the two: a browser on plain HTTP is offered only gzip.
    expect(total('gz'), report).toBeLessThan(BUDGET_BYTES);
    expect(total('br'), report).toBeLessThan(total('gz'));
    // The two large files are the ones a budget breaks on: each must have its copies.
    for (const s of sizes.filter((s) => s.raw >= 100 * 1024)) expect(s.gz, s.file).toBeLessThan(s.raw / 2);
  });
});
