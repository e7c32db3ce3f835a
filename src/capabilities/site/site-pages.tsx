import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import type { ErrorPageRenderer } from '../../platform/http/error-handler.js';
import { renderDocument } from '../../platform/rendering/render.js';
import { readSettings } from '../settings/index.js';
import { Layout } from './layout.js';

const TITLES: Record<number, string> = {
  400: 'That request could not be understood',
  404: 'Page not found',
  410: 'This page has been removed',
  429: 'Too many requests',
};

/** Error pages in the paper's own design, so a reader who lands on one can find their way back. */
export function siteErrorPage(deps: Deps): ErrorPageRenderer {
  return async (_request: FastifyRequest, error) => {
    const settings = await readSettings(deps.database.db);
    const title =
      TITLES[error.status] ?? (error.status >= 500 ? 'Something went wrong' : 'That did not work');
    return renderDocument(
      <Layout settings={settings} title={title} now={deps.clock.now()}>
        <h1>{title}</h1>
        <p>{error.message}</p>
        <p>
          <a href="/">Go to the front page</a>
        </p>
      </Layout>,
    );
  };
}
