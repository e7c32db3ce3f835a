import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The security headers of every response, defined here and only here (issue 12, F6): reader pages,
 * cached pages (stored with them, so the front door sends them with no work per request), error
 * pages, the API's JSON and errors, feeds, media files and redirects.
 *
 * The policy follows what the pages are: server-rendered HTML with no script (the JSON-LD
 * `<script type="application/ld+json">` is a data block, which browsers neither run nor check
 * against script-src; the article page alone allows one inline script by its hash, the Web Share
 * button of src/reader/article/share-button.ts), one inline `<style>` per page and a `style`
 * attribute or two (so 'unsafe-inline' for styles, which cannot run code), images from this site,
 * from a media bucket or CDN, and from any address an article's body names (http or https, as the
 * body allows), and forms that post only to this site. No page of ours is meant to be framed
 * (oEmbed hands out a blockquote card, not a frame), so frame-ancestors 'none' and X-Frame-Options
 * for older browsers.
 */
export function contentSecurityPolicy(scriptSrc = "'none'"): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    // data: for the `<link rel="icon" href="data:,">` that keeps browsers from asking for /favicon.ico.
    "img-src 'self' https: http: data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Other sites learn the origin a reader came from, never the path (an article, a search).
  'referrer-policy': 'strict-origin-when-cross-origin',
  // A page this site opens or is opened by cannot reach into the other's window.
  'cross-origin-opener-policy': 'same-origin',
});

const ENTRIES = Object.entries(SECURITY_HEADERS);

/** Puts the headers on a reply; for answers made outside any route's hooks (the router's own 404s). */
export function setSecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of ENTRIES) reply.header(name, value);
}

/**
 * Sets the headers on every response Fastify sends, errors and 404s included. Register it first:
 * the page cache keeps the headers a page was sent with, so a stored page carries these too and
 * the front door answers with them from the headers it prepared once for that page. A route that
 * sets one of them on purpose keeps its own: the newsroom app's HTML allows its own scripts
 * (script-src 'self'), which the reader site's policy forbids.
 */
export const securityHeadersPlugin = fp(
  async (app) => {
    app.addHook('onSend', async (_request, reply, payload) => {
      for (const [name, value] of ENTRIES) {
        if (!reply.hasHeader(name) && !reply.raw.hasHeader(name)) reply.header(name, value);
      }
      return payload;
    });
  },
  { name: 'masthead-security-headers' },
);
