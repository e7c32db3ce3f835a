import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { readSettings, type Settings } from '../settings/index.js';
import { Layout } from '../site/index.js';
import { ACCOUNT_CSS } from './account-styles.js';

/**
 * Sends an account page in the site's frame. Account pages are personal: never stored by the page
 * cache or a browser (no-store), never indexed, and they send no Referer (their URLs can hold tokens).
 */
export async function sendAccountPage(
  deps: Deps,
  reply: FastifyReply,
  page: { title: string; status?: number },
  body: (settings: Settings) => VNode,
): Promise<FastifyReply> {
  const settings = await readSettings(deps.database.db);
  const html = renderDocument(
    <Layout
      settings={settings}
      title={page.title}
      now={deps.clock.now()}
      robots="noindex"
      styles={ACCOUNT_CSS}
    >
      <div class="account">{body(settings)}</div>
    </Layout>,
  );
  return reply
    .code(page.status ?? 200)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
