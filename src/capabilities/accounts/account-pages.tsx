import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { accountHomePages } from './account-home-pages.js';
import { signInPages } from './sign-in-pages.js';

/** Reader-facing account routes under /account. */
export const accountPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // Every account response is personal, redirects and errors included: no cache may keep it, and
  // no Referer may carry a token from its URL to another site. `same-origin`, not `no-referrer`:
  // under no-referrer Chromium sends `Origin: null` with the page's own forms, which the form check
  // must refuse (the browser journey test caught it).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'same-origin');
  });
  await app.register(signInPages, { deps });
  await app.register(accountHomePages, { deps });
};
