import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import type { ErrorPageRenderer } from '../../platform/http/error-handler.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { readSettings, type Settings } from '../settings/index.js';
import { Layout } from './layout.js';
import { searchPath } from './urls.js';

const TITLES: Record<number, string> = {
  400: 'That request could not be understood',
  404: 'Page not found',
  410: 'This page has been removed',
  429: 'Too many requests',
  503: 'Temporarily unavailable',
  507: 'Nothing can be saved right now',
};

/** Error pages in the paper's own design, so a reader who lands on one can find their way back. */
export function siteErrorPage(deps: Deps): ErrorPageRenderer {
  return async (_request: FastifyRequest, error) => {
    const settings = await readSettings(deps.database.db);
    const title =
      TITLES[error.status] ?? (error.status >= 500 ? 'Something went wrong' : 'That did not work');
    return renderSiteMessage(settings, deps.clock.now(), { title, message: error.message });
  };
}

/**
 * A page that tells the reader something instead of showing content (not found, removed), in the
 * site's design with a way onward. Search engines are asked not to index it.
 */
export function renderSiteMessage(
  settings: Settings,
  now: Date,
  page: { title: string; message: string },
): string {
  return renderDocument(
    <Layout settings={settings} title={page.title} now={now} robots="noindex">
      <h1>{page.title}</h1>
      <p>{page.message}</p>
      <ul class="sans">
        <li>
          <a href="/">Go to the front page</a>
        </li>
        <li>
          <a href={searchPath()}>Search the archive</a>
        </li>
      </ul>
    </Layout>,
  );
}
