import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { buildTestApp } from '../support/app.js';
import { signedInAs } from '../support/auth.js';
import { describeEachDialect } from '../support/databases.js';

/**
 * Random and hostile requests (fast-check) against the reader site and the Admin API, through
 * app.inject: whatever arrives, the answer is never a 5xx, never holds text past the registration
 * wall, and never holds a draft's text, for an anonymous reader or for a contributor who does not
 * own the draft. The secret sentences are only ever matched whole, so a query that echoes one of
 * their words is not mistaken for a leak.
 */

const api = '/api/admin/v1';
const WALLED = 'the quokka vault opens at midnight';
const DRAFT = 'the pangolin ledger closes at dawn';
const OPEN = 'The harbour board met on Monday to hear the plans.';

/** Words of the fixtures (so searches and slugs hit real rows) and words that attack. */
const WORDS = [
  'harbour',
  'quokka',
  'vault',
  'pangolin',
  'ledger',
  'midnight',
  'dawn',
  'board',
  'world',
  'metered',
];
const HOSTILE = [
  "' or 1=1 --",
  '"; drop table articles; --',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '*',
  '"',
  '\\',
  'NEAR(',
  'quokka*',
  '(a OR b) AND NOT c',
  '\u0000',
  'x'.repeat(5000),
  '-1',
  '9999999999999999999999',
  'null',
  '[]',
  '{}',
];

const READER_PATHS = [
  '/',
  '/search',
  '/section/:x',
  '/section/:x/feed.xml',
  '/tag/:x',
  '/by/:x',
  '/by/:x/feed.json',
  '/:x/:x/:x/:x',
  '/drafts/:x',
  '/feed.:x',
  '/corrections/feed.:x',
  '/sitemap.xml',
  '/sitemaps/:x',
  '/robots.txt',
  '/oembed',
  '/legal/:x',
  '/legal/:x/v/:x',
  '/media/:x',
  '/account',
  '/account/sign-in',
  '/account/sign-up',
  '/account/code',
  '/account/link',
  '/account/forgot',
  '/account/reset',
  '/account/consent',
  '/account/profile',
  '/account/data',
  '/.well-known/tdmrep.json',
  '/healthz',
  '/readyz',
  '/:x',
];

const ADMIN_PATHS = [
  '/articles',
  '/articles/:x',
  '/articles/:x/revisions',
  '/articles/:x/revisions/:x',
  '/articles/:x/submit',
  '/articles/:x/publish',
  '/articles/:x/corrections',
  '/sections',
  '/sections/:x',
  '/tags',
  '/tags/:x',
  '/authors',
  '/authors/:x',
  '/media',
  '/media/:x',
  '/staff',
  '/staff/:x',
  '/tokens',
  '/settings',
  '/legal',
  '/legal/:x/versions',
  '/webhooks',
  '/front-page',
  '/consents.csv',
  '/readers/:x/consents',
  '/auth/me',
  '/:x',
];

const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
const someQuery = fc.dictionary(
  fc.constantFrom(
    'q',
    'section',
    'author',
    'from',
    'to',
    'page',
    'cursor',
    'limit',
    'status',
    'url',
    'format',
    'next',
    'kind',
  ),
  fc.oneof(fc.constantFrom(...WORDS, ...HOSTILE), fc.string({ maxLength: 30 })),
  { maxKeys: 4 },
);
// Often none: a route that refuses unknown query keys would otherwise never be reached.
const query = fc.oneof({ arbitrary: fc.constant({}), weight: 2 }, { arbitrary: someQuery, weight: 1 });
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.object({ maxDepth: 2 }).map((o) => JSON.stringify(o)),
  fc.constantFrom(...HOSTILE),
  fc
    .record({ revision: fc.integer(), headline: fc.string(), body: fc.anything() })
    .map((o) => JSON.stringify(o)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'image/jpeg',
  'application/xml',
  undefined,
);

/** `known` are the fixtures' ids and slugs, so requests reach real rows as well as missing ones. */
function request(paths: string[], known: string[]) {
  const segment = fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 6 },
    fc.constantFrom(...WORDS, ...HOSTILE, ...RAW),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('2026', '11', '16', 'feed.xml', 'feed.json', 'feed.atom', 'terms', 'privacy', 'v', '1'),
  );
  return fc.record({
    method,
    template: fc.constantFrom(...paths),
    segments: fc.array(segment, { minLength: 4, maxLength: 4 }),
    query,
    body,
    contentType,
    cookie: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('mh_meter=garbage', 'mh_reader=x.y.z', '%%%;=;'),
    ),
  });
}

type Req = ReturnType<typeof request> extends fc.Arbitrary<infer T> ? T : never;

/** Sent as they are, not encoded again: broken percent-encoding and UTF-8 that is not. */
const RAW = ['%ff', '%E0%A4%A', '%ED%A0%80', '..%2f..%2f', '%00', '%'];

function urlOf(r: Req, prefix = ''): string {
  let i = 0;
  const path = r.template.replaceAll(':x', () => {
    const s = r.segments[i++] ?? 'x';
    return RAW.includes(s) ? s : encodeURIComponent(s);
  });
  const qs = new URLSearchParams(r.query).toString();
  return `${prefix}${path}${qs ? `?${qs}` : ''}`;
}

describeEachDialect('random and hostile requests', (t) => {
  let app: FastifyInstance;
  let deps: Deps;
  let contributor: Record<string, string>;
  let known: string[];

  beforeEach(async () => {
    ({ app, deps } = await buildTestApp(t.database));
    const editor = (await signedInAs(deps, 'editor')).headers;
    contributor = (await signedInAs(deps, 'contributor')).headers;
    const make = async (payload: object) => {
      const res = await app.inject({ method: 'POST', url: `${api}/articles`, headers: editor, payload });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; revision: number };
    };
    await app.inject({ method: 'POST', url: `${api}/sections`, headers: editor, payload: { name: 'World' } });
    const walled = await make({
      headline: 'Harbour Board Hears Plans',
      dek: 'A metered story.',
      section: 'world',
      access: 'registration',
      bodyMarkdown: [
        OPEN,
        'A second open paragraph about the harbour.',
        'A third.',
        `Past the wall, ${WALLED}.`,
        `Also ${WALLED} again.`,
      ].join('\n\n'),
    });
    const published = await app.inject({
      method: 'POST',
      url: `${api}/articles/${walled.id}/publish`,
      headers: editor,
      payload: { revision: walled.revision },
    });
    expect(published.statusCode, published.body).toBe(200);
    const draft = await make({
      headline: 'Pangolin Ledger Draft',
      section: 'world',
      bodyMarkdown: `Draft: ${DRAFT}.`,
    });
    known = [walled.id, draft.id, draft.id, 'harbour-board-hears-plans', 'pangolin-ledger-draft', '1'];
    await deps.purges.sync();
  });

  async function send(r: Req, url: string, headers: Record<string, string>) {
    const all: Record<string, string> = { ...headers };
    if (r.contentType && r.body !== undefined) all['content-type'] = r.contentType;
    if (r.cookie) all.cookie = all.cookie ? `${all.cookie}; ${r.cookie}` : r.cookie;
    const res = await app.inject({
      method: r.method as 'GET',
      url,
      headers: all,
      ...(r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' ? { payload: r.body } : {}),
    });
    const text = `${JSON.stringify(res.headers)}\n${res.body}`.toLowerCase();
    return { status: res.statusCode, text, body: res.body.slice(0, 300) };
  }

  it('answers what random requests found with a 400: a NUL character, a broken upload form', async () => {
    const urls = [`${api}/articles/%00`, `${api}/tags?q=a%00b`, '/search?q=%00'];
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url, headers: contributor });
      expect(res.statusCode, url).toBe(400);
      if (url.startsWith(api)) expect(res.json().error.code).toBe('INVALID_CHARACTERS');
    }
    const patch = await app.inject({
      method: 'PATCH',
      url: `${api}/articles/${known[1]}`,
      headers: contributor,
      payload: { revision: 1, headline: 'a\u0000b' },
    });
    expect(patch.statusCode).toBe(400);
    const form = await app.inject({
      method: 'POST',
      url: `${api}/media`,
      headers: { ...contributor, 'content-type': 'multipart/form-data; boundary=x' },
      payload: '{}',
    });
    expect(form.statusCode, form.body).toBe(400);
    expect(form.json().error.code).toBe('MEDIA_FORM_BROKEN');
    expect(patch.json().error).toMatchObject({
      code: 'INVALID_CHARACTERS',
      details: { in: 'body', field: 'headline' },
    });
  });

  it('an anonymous reader never gets a 5xx, walled text or draft text', async () => {
    await fc.assert(
      fc.asyncProperty(request(READER_PATHS, known), async (r) => {
        const url = urlOf(r);
        const res = await send(r, url, {});
        // oEmbed's spec answers an unsupported format with 501; nothing else may be a 5xx.
        const allowed = r.template === '/oembed' && res.status === 501;
        if (!allowed) expect(res.status, `${r.method} ${url}: ${res.body}`).toBeLessThan(500);
        expect(res.text.includes(WALLED), `${r.method} ${url} leaks walled text`).toBe(false);
        expect(res.text.includes(DRAFT), `${r.method} ${url} leaks draft text`).toBe(false);
      }),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100000) },
    );
  });

  it('the Admin API answers anything with a 4xx at worst, and a contributor never reads a desk draft', async () => {
    await fc.assert(
      fc.asyncProperty(
        request(ADMIN_PATHS, known),
        fc.constantFrom(true, true, true, false),
        async (r, signedIn) => {
          const url = urlOf(r, api);
          const res = await send(r, url, signedIn ? contributor : {});
          expect(res.status, `${r.method} ${url}: ${res.body}`).toBeLessThan(500);
          expect(res.text.includes(DRAFT), `${r.method} ${url} shows another desk's draft`).toBe(false);
        },
      ),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 100000) },
    );
  });
});
