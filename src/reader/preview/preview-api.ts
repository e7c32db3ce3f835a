import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ArticleFieldsBody,
  type ArticleFieldsInput,
  ArticleIdParams,
  previewArticle,
} from '../../capabilities/articles/index.js';
import { readSettings } from '../../capabilities/settings/index.js';
import { requireActor } from '../../capabilities/staff/index.js';
import type { Deps } from '../../deps.js';
import { renderArticlePreview } from './preview-page.js';

/**
 * The preview's own policy, for anyone who opens the answer outside the app's frame: no script at all,
 * the page's inline stylesheet, images from this site and the media bucket, nothing to post a form to.
 * Inside the newsroom app's sandboxed srcdoc frame the app's policy is the one that applies.
 */
const PREVIEW_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' https: http: data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * POST /api/admin/v1/articles/:id/preview: the reader's article page for the fields the editor has on
 * screen, saved or not (issue 13). Registered inside the Admin API's authenticated context by app.ts;
 * it lives in src/reader because it renders the reader's own page code, which capabilities never
 * import. Never cached, and nothing a reader's request does happens here: no meter, no cookie.
 */
export const previewApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/articles/:id/preview',
    {
      schema: {
        tags: ['articles'],
        summary:
          "The article page as readers would see it with these fields (saved or not), the wall's cut marked",
        description:
          'Takes the fields of PATCH /articles/{id} (all optional, no revision) and answers the reader ' +
          "site's HTML page for the article with them, without saving anything. For a metered or " +
          'registration article: the part a walled-off anonymous reader gets, a marker "Readers without ' +
          'an account stop here", then the rest of the body marked as behind the wall. Whoever may read ' +
          'the article in the newsroom may preview it. Cache-Control: no-store; a policy with no script.',
        params: ArticleIdParams,
        body: ArticleFieldsBody,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'An HTML page.' }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const input = request.body as Partial<ArticleFieldsInput>;
      const { db } = deps.database;
      const [preview, settings] = await Promise.all([
        previewArticle(db, deps.clock, actor, request.params.id, input),
        readSettings(db),
      ]);
      const html = await renderArticlePreview(db, preview, {
        settings,
        now: deps.clock.now(),
        publicUrl: deps.config.publicUrl,
        mediaPublicUrl: deps.config.mediaPublicUrl,
      });
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', PREVIEW_POLICY)
        .header('x-robots-tag', 'noindex')
        .send(html);
    },
  );
};
