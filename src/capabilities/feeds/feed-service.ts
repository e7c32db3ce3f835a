import type { Db } from '../../platform/database/database.js';
import { CacheKey } from '../../platform/http/cache-keys.js';
import { notFound } from '../../platform/http/errors.js';
import { checkSlug } from '../../platform/slug.js';
import type { ArticleDocument } from '../articles/document/index.js';
import { findBylines, leadPhotoForMachines } from '../articles/index.js';
import { readSettings, type Settings } from '../settings/index.js';
import { absolute, articlePath, authorPath, sectionPath, tagPath } from '../site/index.js';
import {
  entryId,
  FEED_FORMATS,
  FEED_SIZE,
  type FeedCategory,
  type FeedChannel,
  type FeedEntry,
  type FeedFormat,
  feedPaths,
  latest,
} from './feed.js';
import { bodyToHtml } from './feed-body.js';
import {
  type AuthorRef,
  type FeedArticleRow,
  findAuthorBySlug,
  findNewestArticles,
  findNewestCorrections,
  findSections,
  findSectionWithSubsections,
  findTags,
  type SectionRef,
  type TagRef,
} from './feed-repository.js';
import { writeAtom, writeJsonFeed, writeRss } from './feed-writers.js';

export type FeedScope =
  | { kind: 'site' }
  | { kind: 'section'; path: string }
  | { kind: 'author'; slug: string }
  | { kind: 'corrections' };

export interface BuiltFeed {
  channel: FeedChannel;
  /** Surrogate keys of everything the feed shows. */
  cacheKeys: string[];
}

interface Frame {
  settings: Settings;
  publicUrl: URL;
  now: Date;
}

/**
 * The feed for a scope: the newest published articles (full text only for always-free ones), or the
 * newest corrections. Throws NOT_FOUND (404) for a section or author that does not exist.
 */
export async function buildFeed(db: Db, publicUrl: URL, now: Date, scope: FeedScope): Promise<BuiltFeed> {
  const frame: Frame = { settings: await readSettings(db), publicUrl, now };
  switch (scope.kind) {
    case 'site':
      return articleFeed(db, frame, {}, channelBase(frame, '', '/', feedPaths.site), []);
    case 'section': {
      const sections = await findSectionWithSubsections(db, checkedPath(scope.path));
      const [section] = sections;
      if (!section) throw notFound('That section', { path: scope.path });
      const base = channelBase(
        frame,
        section.name,
        sectionPath(section.path),
        (format) => feedPaths.section(section.path, format),
        section.description,
      );
      const ids = sections.map((s) => s.id);
      return articleFeed(db, frame, { sectionIds: ids }, base, ids.map(CacheKey.section));
    }
    case 'author': {
      const author = checkSlug(scope.slug).ok ? await findAuthorBySlug(db, scope.slug) : undefined;
      if (!author) throw notFound('That author', { slug: scope.slug });
      const base = channelBase(
        frame,
        author.name,
        authorPath(author.slug),
        (format) => feedPaths.author(author.slug, format),
        author.bio,
      );
      return articleFeed(db, frame, { authorId: author.id }, base, [CacheKey.author(author.id)]);
    }
    case 'corrections':
      return correctionsFeed(db, frame);
  }
}

/** Writes a channel in the format its address asked for. */
export function writeFeed(channel: FeedChannel, format: FeedFormat): string {
  if (format === 'atom') return writeAtom(channel);
  if (format === 'json') return writeJsonFeed(channel);
  return writeRss(channel);
}

/** Section paths come from the address: each part must be a slug, or there is no such section. */
function checkedPath(path: string): string {
  if (!path.split('/').every((part) => part === part.trim() && checkSlug(part).ok)) {
    throw notFound('That section', { path });
  }
  return path;
}

type ChannelBase = Omit<FeedChannel, 'updated' | 'entries'>;

function channelBase(
  frame: Frame,
  name: string,
  pagePath: string,
  feedPath: (format: FeedFormat) => string,
  description = '',
): ChannelBase {
  const { settings, publicUrl } = frame;
  const publisher = settings['publication.name'];
  const logo = settings['publication.logo'];
  return {
    title: name ? `${name} - ${publisher}` : publisher,
    description: description || settings['publication.description'] || `The latest from ${publisher}.`,
    pageUrl: absolute(publicUrl, pagePath),
    feedUrls: Object.fromEntries(FEED_FORMATS.map((f) => [f, absolute(publicUrl, feedPath(f))])) as Record<
      FeedFormat,
      string
    >,
    language: settings['publication.locale'],
    rights: rightsLine(settings, frame.now),
    logoUrl: logo ? (logo.startsWith('/') ? absolute(publicUrl, logo) : logo) : null,
    publisher,
  };
}

/** The footer's lines, so the terms of reuse travel with the feed. */
function rightsLine(settings: Settings, now: Date): string {
  const year = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    timeZone: settings['publication.timezone'],
  }).format(now);
  const holder = settings['publication.copyright_holder'] || settings['publication.name'];
  return [`© ${year} ${holder}. All rights reserved.`, settings['publication.footer_notice']]
    .filter(Boolean)
    .join(' ');
}

async function articleFeed(
  db: Db,
  frame: Frame,
  scope: { sectionIds?: string[]; authorId?: string },
  base: ChannelBase,
  scopeKeys: string[],
): Promise<BuiltFeed> {
  const rows = await findNewestArticles(db, scope, FEED_SIZE);
  const ids = rows.map((row) => row.id);
  const sectionIds = [...new Set(rows.flatMap((row) => (row.section_id ? [row.section_id] : [])))];
  const [bylines, tags, sections] = await Promise.all([
    findBylines(db, ids),
    findTags(db, ids),
    findSections(db, sectionIds),
  ]);
  const images = new Map(
    await Promise.all(
      rows.map(
        async (row) =>
          [
            row.id,
            await leadPhotoForMachines(
              db,
              { publicUrl: frame.publicUrl, mediaPublicUrl: null },
              row.lead_image,
            ),
          ] as const,
      ),
    ),
  );
  const entries = rows.map((row) => ({
    ...articleEntry(frame, row, bylines.get(row.id) ?? [], tags.get(row.id) ?? [], sections),
    image: images.get(row.id) ?? null,
  }));
  const photoKeys = rows.flatMap((row) =>
    row.lead_image ? [CacheKey.media((JSON.parse(row.lead_image) as { mediaId: string }).mediaId)] : [],
  );
  const keys = [
    CacheKey.feeds,
    ...scopeKeys,
    ...ids.map(CacheKey.article),
    ...photoKeys,
    ...sectionIds.map(CacheKey.section),
    ...[...bylines.values()].flat().map((author) => CacheKey.author(author.id)),
    ...[...tags.values()].flat().map((tag) => CacheKey.tag(tag.id)),
  ];
  return {
    channel: { ...base, updated: newest(entries, frame.now), entries },
    cacheKeys: [...new Set(keys)],
  };
}

function articleEntry(
  frame: Frame,
  row: FeedArticleRow,
  authors: AuthorRef[],
  tags: TagRef[],
  sections: Map<string, SectionRef>,
): FeedEntry {
  const { settings, publicUrl } = frame;
  const section = row.section_id ? sections.get(row.section_id) : undefined;
  const published = row.first_published_at ?? row.published_at ?? '';
  const categories: FeedCategory[] = [];
  if (section) {
    categories.push({
      label: section.name,
      term: section.path,
      url: absolute(publicUrl, sectionPath(section.path)),
      scheme: absolute(publicUrl, '/section/'),
    });
  }
  for (const tag of tags) {
    categories.push({
      label: tag.name,
      term: tag.slug,
      url: absolute(publicUrl, tagPath(tag.slug)),
      scheme: absolute(publicUrl, '/tag/'),
    });
  }
  return {
    id: entryId(row.id),
    title: row.headline,
    url: absolute(
      publicUrl,
      articlePath({ slug: row.slug, firstPublishedAt: published }, settings['publication.timezone']),
    ),
    summary: row.dek,
    // Only always-free articles go out in full; metered and registration-only ones stay behind the wall.
    contentHtml:
      row.access === 'free'
        ? bodyToHtml(JSON.parse(row.body) as ArticleDocument, row.dateline, publicUrl)
        : null,
    authors: authors.map((author) => ({
      name: author.name,
      url: absolute(publicUrl, authorPath(author.slug)),
    })),
    categories,
    published,
    updated: latest(row.modified_at, row.published_at, published) ?? published,
  };
}

async function correctionsFeed(db: Db, frame: Frame): Promise<BuiltFeed> {
  const { settings, publicUrl } = frame;
  const base = channelBase(frame, 'Corrections', '/', feedPaths.corrections);
  base.description = `Corrections and clarifications to articles in ${settings['publication.name']}.`;
  const rows = await findNewestCorrections(db, FEED_SIZE);
  const entries: FeedEntry[] = rows.map((row) => {
    const url = absolute(
      publicUrl,
      articlePath(
        { slug: row.slug, firstPublishedAt: row.first_published_at },
        settings['publication.timezone'],
      ),
    );
    return {
      id: entryId(row.id),
      title: `${row.kind === 'clarification' ? 'Clarification' : 'Correction'}: ${row.headline}`,
      url,
      summary: row.text,
      contentHtml: null,
      authors: [],
      categories: [],
      published: row.published_at,
      updated: row.published_at,
    };
  });
  const keys = [CacheKey.feeds, ...rows.map((row) => CacheKey.article(row.article_id))];
  return {
    channel: { ...base, updated: newest(entries, frame.now), entries },
    cacheKeys: [...new Set(keys)],
  };
}

function newest(entries: FeedEntry[], now: Date): string {
  return latest(...entries.map((entry) => entry.updated)) ?? now.toISOString();
}
