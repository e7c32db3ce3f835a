import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SectionInTree } from '../../capabilities/sections/index.js';
import { listSections } from '../../capabilities/sections/index.js';
import { readSettings } from '../../capabilities/settings/index.js';
import { pageNotFound, pageNumber, sectionPath } from '../../capabilities/site/index.js';
import type { Deps } from '../../deps.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { ArticleList } from '../article-cards.js';
import { listPublishedArticles } from '../article-listing.js';
import { cardImagesFor, listRouteSchema, sendListPage } from './list-page.js';

/**
 * A section's page at /section/<path>: its subsections, linked, then the articles filed in it or
 * in any section below it, newest first, 20 a page. A wildcard route, because sections nest to any
 * depth; the router still prefers more specific routes (such as a section feed) where they exist.
 */
export const sectionPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/section/*',
    {
      config: { pageCache: true },
      schema: listRouteSchema(
        Type.Object({ '*': Type.String({ description: 'The section path, "world/europe".' }) }),
        'section',
      ),
    },
    async (request, reply) => {
      const page = pageNumber(request.query.page);
      const { db } = deps.database;
      const path = request.params['*'];
      // All sections in one query: a paper has dozens, and the page needs the section's whole family.
      const [settings, sections] = await Promise.all([readSettings(db), listSections(db)]);
      const section = sections.find((s) => s.path === path);
      if (!section) throw notFound('That section');
      const below = sections.filter((s) => s.path.startsWith(`${section.path}/`));
      const children = below.filter((s) => s.parentId === section.id);
      const ancestors = ancestorsOf(sections, section);
      const list = await listPublishedArticles(
        db,
        { kind: 'sections', sectionIds: [section.id, ...below.map((s) => s.id)] },
        page,
      );
      if (page > 1 && list.articles.length === 0) throw pageNotFound();
      const images = await cardImagesFor(deps, list.articles);

      const ownPage = {
        path: sectionPath(section.path),
        list,
        images,
        name: section.name,
        description: section.description || `The latest from ${section.name}.`,
        keys: [section, ...below, ...ancestors].map((s) => CacheKey.section(s.id)),
      };
      return sendListPage(
        deps,
        reply,
        settings,
        ownPage,
        <>
          {ancestors.length > 0 ? (
            <nav class="breadcrumbs sans" aria-label="Sections above this one">
              {ancestors.map((a) => (
                <span key={a.id}>
                  <a href={sectionPath(a.path)}>{a.name}</a> ›{' '}
                </span>
              ))}
            </nav>
          ) : null}
          <header class="list-header">
            <h1>{section.name}</h1>
            {section.description ? <p class="dek">{section.description}</p> : null}
          </header>
          {children.length > 0 ? (
            <nav class="subsections sans" aria-label={`Sections in ${section.name}`}>
              <ul>
                {children.map((child) => (
                  <li key={child.id}>
                    <a href={sectionPath(child.path)}>{child.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <ArticleList
            articles={list.articles}
            images={images}
            settings={settings}
            withinSection={section.id}
            empty={`Nothing has been published in ${section.name} yet.`}
          />
        </>,
      );
    },
  );
};

/** From the top section down to the section's parent. */
function ancestorsOf(sections: SectionInTree[], section: SectionInTree): SectionInTree[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const chain: SectionInTree[] = [];
  let parentId = section.parentId;
  while (parentId) {
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    parentId = parent.parentId;
  }
  return chain;
}
