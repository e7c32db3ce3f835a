import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import MarkdownIt from 'markdown-it';
import { Type } from 'typebox';
import {
  currentVersion,
  findLegalVersion,
  isLegalKind,
  LEGAL_KIND_NAMES,
  type LegalDocument,
  type LegalKind,
  type LegalVersionSummary,
  listLegalVersions,
} from '../../capabilities/legal/index.js';
import { readSettings, type Settings } from '../../capabilities/settings/index.js';
import { absolute, formatDate, Layout, legalPath } from '../../capabilities/site/index.js';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { CacheKey, surrogateKeys } from '../../platform/http/cache-keys.js';
import { AppError } from '../../platform/http/errors.js';
import { renderDocument } from '../../platform/rendering/render.js';

/**
 * Raw HTML in the Markdown stays text (html: false): markdown-it escapes it, and its link check
 * refuses javascript:, vbscript: and data: addresses. That is what makes its output safe to put in
 * the page as HTML below, the one place the reader site does so from a string.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const VERSION_NUMBER = /^[1-9][0-9]{0,8}$/;

const documentNotFound = (kind: LegalKind) =>
  new AppError('NOT_FOUND', 404, `This paper has not published its ${LEGAL_KIND_NAMES[kind]} yet.`);
const versionNotFound = () => new AppError('NOT_FOUND', 404, 'There is no such version.');

/**
 * The Terms of Use and the Privacy Policy: /legal/<kind> shows the version in force, and
 * /legal/<kind>/v/<n> any version, so the link a consent record keeps shows exactly what the
 * reader agreed to, with a notice when it is no longer the one in force.
 */
export const legalPages: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/legal/:kind',
    {
      config: { pageCache: true },
      schema: {
        tags: ['reader'],
        params: Type.Object({ kind: Type.String({ description: 'terms or privacy' }) }),
        response: { 200: Type.String({ description: 'The version in force (HTML).' }) },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      if (!isLegalKind(kind)) throw versionNotFound();
      const { db } = deps.database;
      const now = deps.clock.now();
      const [settings, versions] = await Promise.all([readSettings(db), listLegalVersions(db, kind)]);
      const current = currentVersion(versions, isoTime(now));
      const doc = current && (await findLegalVersion(db, kind, current.version));
      if (!doc) throw documentNotFound(kind);
      surrogateKeys(reply, [CacheKey.legal]);
      return reply
        .type('text/html; charset=utf-8')
        .send(renderLegalPage(deps, settings, now, { doc, versions, current: doc, asked: 'current' }));
    },
  );

  app.get(
    '/legal/:kind/v/:version',
    {
      config: { pageCache: true },
      schema: {
        tags: ['reader'],
        params: Type.Object({
          kind: Type.String({ description: 'terms or privacy' }),
          version: Type.String({ description: 'The version number, from 1.' }),
        }),
        response: { 200: Type.String({ description: 'One version (HTML).' }) },
      },
    },
    async (request, reply) => {
      const { kind, version } = request.params;
      if (!isLegalKind(kind) || !VERSION_NUMBER.test(version)) throw versionNotFound();
      const { db } = deps.database;
      const now = deps.clock.now();
      const [settings, versions, doc] = await Promise.all([
        readSettings(db),
        listLegalVersions(db, kind),
        findLegalVersion(db, kind, Number(version)),
      ]);
      if (!doc) throw versionNotFound();
      const current = currentVersion(versions, isoTime(now));
      surrogateKeys(reply, [CacheKey.legal]);
      return reply
        .type('text/html; charset=utf-8')
        .send(renderLegalPage(deps, settings, now, { doc, versions, current, asked: 'version' }));
    },
  );
};

interface LegalView {
  doc: LegalDocument;
  /** Every version, newest first. */
  versions: LegalVersionSummary[];
  current: Pick<LegalDocument, 'version'> | null;
  /** Which address the reader used: the kind's own, or one version's. */
  asked: 'current' | 'version';
}

function renderLegalPage(deps: Deps, settings: Settings, now: Date, view: LegalView): string {
  const { doc, versions, current } = view;
  const at = isoTime(now);
  const isCurrent = current !== null && doc.version === current.version;
  const name = LEGAL_KIND_NAMES[doc.kind];
  // Every version keeps its own address, but the one in force is indexed under the kind's address.
  const canonical = absolute(
    deps.config.publicUrl,
    isCurrent ? legalPath(doc.kind) : legalPath(doc.kind, doc.version),
  );
  const title = view.asked === 'current' ? doc.title : `${doc.title}, version ${doc.version}`;
  const until = (version: number) => versions.find((v) => v.version === version + 1)?.effectiveAt ?? null;
  // Versions that were in force before the current one; a version's own page leaves itself out.
  const earlier = versions.filter(
    (v) => v.effectiveAt <= at && v.version !== current?.version && v.version !== doc.version,
  );
  const next = [...versions].reverse().find((v) => v.effectiveAt > at) ?? null;
  return renderDocument(
    <Layout
      settings={settings}
      now={now}
      title={title}
      description={`${name} of ${settings['publication.name']}, version ${doc.version}.`}
      canonical={canonical}
      {...(isCurrent ? {} : { robots: 'noindex' })}
    >
      <article class="legal">
        <header>
          <h1>{doc.title}</h1>
          <p class="meta sans">
            Version {doc.version} · {doc.effectiveAt > at ? 'Takes effect' : 'In effect since'}{' '}
            <time datetime={doc.effectiveAt}>{formatDate(doc.effectiveAt, settings)}</time>
          </p>
        </header>
        <VersionNotice
          doc={doc}
          isCurrent={isCurrent}
          view={view}
          now={at}
          until={until(doc.version)}
          settings={settings}
        />
        {isCurrent && next ? (
          <p class="notice sans">
            A new version takes effect on{' '}
            <time datetime={next.effectiveAt}>{formatDate(next.effectiveAt, settings)}</time>:{' '}
            <a href={legalPath(doc.kind, next.version)}>read version {next.version}</a>.
            {next.summaryOfChanges ? ` What changes: ${next.summaryOfChanges}` : null}
          </p>
        ) : null}
        {/* Safe: markdown-it with html:false escapes raw HTML and drops unsafe links (see `markdown`). */}
        <div class="legal-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(doc.body, doc.title) }} />
        {earlier.length > 0 ? (
          <section class="versions" aria-labelledby="earlier-versions">
            <h2 id="earlier-versions">Earlier versions</h2>
            <ul>
              {earlier.map((v) => (
                <li key={v.id}>
                  <a href={legalPath(doc.kind, v.version)}>Version {v.version}</a>, in effect from{' '}
                  <time datetime={v.effectiveAt}>{formatDate(v.effectiveAt, settings)}</time>
                  {until(v.version) ? (
                    <>
                      {' '}
                      until{' '}
                      <time datetime={until(v.version)!}>{formatDate(until(v.version)!, settings)}</time>
                    </>
                  ) : null}
                  .{v.summaryOfChanges ? ` ${v.summaryOfChanges}` : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </Layout>,
  );
}

/** Tells a reader on a version's own address whether it is the one in force, and links the one that is. */
function VersionNotice(props: {
  doc: LegalDocument;
  isCurrent: boolean;
  view: LegalView;
  now: string;
  until: string | null;
  settings: Settings;
}) {
  const { doc, isCurrent, view, now, until, settings } = props;
  if (view.asked === 'current') return null;
  const currentLink = view.current ? <a href={legalPath(doc.kind)}>Read the version in force</a> : null;
  if (isCurrent) {
    return <p class="notice sans">This is the version in force.</p>;
  }
  if (doc.effectiveAt > now) {
    return (
      <p class="notice sans" role="note">
        This version has not taken effect yet; it will on{' '}
        <time datetime={doc.effectiveAt}>{formatDate(doc.effectiveAt, settings)}</time>.{' '}
        {currentLink ? <>{currentLink}.</> : null}
      </p>
    );
  }
  return (
    <p class="notice sans" role="note">
      This is not the current version. It was in force
      {until ? (
        <>
          {' '}
          until <time datetime={until}>{formatDate(until, settings)}</time>
        </>
      ) : null}
      . {currentLink ? <>{currentLink}.</> : null}
    </p>
  );
}

/**
 * Markdown to HTML, with the document's headings moved below the page's `<h1>` and kept in order.
 * A first heading that only repeats the title (the page already shows it as the `<h1>`) is left out.
 */
export function renderMarkdown(source: string, title?: string): string {
  const tokens = markdown.parse(source, {});
  const [open, inline] = tokens;
  if (open?.type === 'heading_open' && title !== undefined && sameText(inline?.content ?? '', title)) {
    tokens.splice(0, 3);
  }
  const levels = [
    ...new Set(tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)))),
  ];
  levels.sort((a, b) => a - b);
  // The document's own levels become h2, h3, ... in order, so "# Terms" under the page title is an h2
  // and a document that jumps from # to ### does not leave a gap screen-reader users trip over.
  const moved = new Map(levels.map((level, i) => [level, Math.min(i + 2, 6)]));
  for (const token of tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${moved.get(Number(token.tag.slice(1))) ?? 6}`;
    }
  }
  return markdown.renderer.render(tokens, markdown.options, {});
}

function sameText(a: string, b: string): boolean {
  const plain = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  return plain(a) === plain(b);
}
