import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/** Where the app's files are served; the app's router and Vite's `base` use the same prefix. */
export const NEWSROOM_PATH = '/newsroom/';

/**
 * dist/newsroom, where `vite build` writes the app. This file runs from src/ under Vitest and from
 * dist/src/ in production, so three folders up is the checkout or its dist/ folder.
 */
function defaultBuildDir(): string {
  const up = fileURLToPath(new URL('../../../', import.meta.url));
  const root = path.basename(up) === 'dist' ? path.dirname(up) : up;
  return path.join(root, 'dist', 'newsroom');
}

// Vite names every file under assets/ by its content hash, so a name never changes meaning.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// index.html and sw.js name the current build; a browser must ask each time (a 304 when unchanged).
const REVALIDATE = 'no-cache';
// The app runs only its own bundled code and talks only to this origin; ProseMirror and React Aria set
// inline style attributes, hence 'unsafe-inline' for styles only.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface NewsroomAppOptions {
  /** The built app; tests point it at a folder of their own. */
  buildDir?: string;
}

/**
 * Serves the newsroom browser app at /newsroom/: hashed assets cached for a year, index.html revalidated,
 * every other path under /newsroom/ answered with index.html so a deep link (/newsroom/story/123) opens
 * the app on that screen. Without a build, a 503 page says how to make one.
 */
export const newsroomAppFiles: FastifyPluginAsync<NewsroomAppOptions> = async (app, options) => {
  const root = options.buildDir ?? defaultBuildDir();
  const index = path.join(root, 'index.html');

  app.get('/newsroom', { schema: { hide: true } }, async (_request, reply) => reply.redirect(NEWSROOM_PATH));

  if (!fs.existsSync(index)) {
    app.get('/newsroom/*', { schema: { hide: true } }, async (_request, reply) => sendNotBuilt(reply));
    return;
  }

  await app.register(fastifyStatic, {
    root,
    prefix: NEWSROOM_PATH,
    decorateReply: false,
    index: false,
    // One route per file of the build; any other path under /newsroom/ is a screen of the app (below).
    wildcard: false,
    // The build writes .br and .gz copies beside each script and style sheet (newsroom/compress-plugin.ts):
    // the copy the browser accepts is sent, with Vary: Accept-Encoding.
    preCompressed: true,
    // The build's manifest (.vite/manifest.json) is for the bundle-size test, not for browsers.
    dotfiles: 'deny',
    setHeaders(res, file) {
      const immutable = path.relative(root, file).startsWith(`assets${path.sep}`);
      res.header('cache-control', immutable ? IMMUTABLE : REVALIDATE);
      res.header('x-content-type-options', 'nosniff');
      if (file.endsWith('.html')) res.header('content-security-policy', CSP);
    },
  });

  // The shell for every screen's address; a missing hashed asset stays a 404 rather than HTML.
  const shell = fs.readFileSync(index);
  const sendShell = (reply: FastifyReply) =>
    reply
      .header('cache-control', REVALIDATE)
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8')
      .send(shell);
  app.get(NEWSROOM_PATH, { schema: { hide: true } }, async (_request, reply) => sendShell(reply));
  app.get('/newsroom/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith(`${NEWSROOM_PATH}assets/`)) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found.\n');
    }
    return sendShell(reply);
  });
};

function sendNotBuilt(reply: FastifyReply) {
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .header('retry-after', '60')
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Newsroom not built</title></head>' +
        '<body><h1>The newsroom app has not been built</h1>' +
        '<p>This server has no copy of the newsroom browser app. Run <code>npm run build</code> ' +
        '(or <code>npm start</code>, which builds first), then start the server again.</p>' +
        '<p>The Admin API at <code>/api/admin/v1</code> works meanwhile.</p></body></html>',
    );
}
