import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { newsroomAppFiles } from './newsroom-app-files.js';

/** The plugin on a real Fastify instance, over a build folder laid out as `vite build` writes it. */
describe('newsroom app files', () => {
  const made: { app: FastifyInstance; dir: string }[] = [];

  async function serve(files: Record<string, string> | null) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-build-'));
    for (const [name, text] of Object.entries(files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      // Compressed copies come as latin1 strings: one character per byte.
      fs.writeFileSync(path.join(dir, name), text, /\.(br|gz)$/.test(name) ? 'latin1' : 'utf8');
    }
    const app = Fastify();
    await app.register(newsroomAppFiles, { buildDir: dir });
    made.push({ app, dir });
    return app;
  }

  afterEach(async () => {
    for (const { app, dir } of made.splice(0)) {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const BUILD = {
    'index.html':
      '<!doctype html><title>Newsroom</title><script type="module" src="/newsroom/assets/index-abc123.js"></script>',
    'assets/index-abc123.js': 'console.log("app")',
    'sw.js': 'self.addEventListener("fetch", () => {})',
  };

  it('serves hashed assets for a year and immutable, the shell and the service worker revalidated', async () => {
    const app = await serve(BUILD);
    const asset = await app.inject({ url: '/newsroom/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.body).toBe('console.log("app")');

    const shell = await app.inject({ url: '/newsroom/' });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(shell.headers['content-security-policy']).toContain("script-src 'self'");
    expect(shell.body).toBe(BUILD['index.html']);

    const worker = await app.inject({ url: '/newsroom/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
  });

  it('answers a deep link with the shell, so the app opens on that screen', async () => {
    const app = await serve(BUILD);
    for (const url of ['/newsroom/story/01ABC', '/newsroom/story/01ABC?x=1', '/newsroom/anything/else']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(BUILD['index.html']);
    }
    const bare = await app.inject({ url: '/newsroom' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/newsroom/');
  });

  it('keeps a missing hashed asset a 404, never the HTML shell', async () => {
    const app = await serve(BUILD);
    const res = await app.inject({ url: '/newsroom/assets/index-old999.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const outside = await app.inject({ url: '/newsroom/../package.json' });
    expect(outside.body).not.toContain('"name"');
  });

  it('sends the compressed copy the browser accepts, with Vary, and never the build manifest', async () => {
    const script = `console.log(${JSON.stringify('the newsroom app '.repeat(200))})`;
    const app = await serve({
      ...BUILD,
      'assets/editor-def456.js': script,
      'assets/editor-def456.js.br': brotliCompressSync(script).toString('latin1'),
      'assets/editor-def456.js.gz': gzipSync(script).toString('latin1'),
      '.vite/manifest.json': '{"index.html":{"isEntry":true}}',
    });
    const url = '/newsroom/assets/editor-def456.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(script);
    const manifest = await app.inject({ url: '/newsroom/.vite/manifest.json' });
    expect(manifest.body).not.toContain('isEntry');
  });

  it('says the app was not built, with a 503 and how to build it', async () => {
    const app = await serve(null);
    for (const url of ['/newsroom/', '/newsroom/story/1']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('npm run build');
    }
  });
});
