import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError } from '../../platform/http/errors.js';
import { slugify } from '../../platform/slug.js';
import { findOrCreateGuestAuthors } from '../authors/index.js';
import { createSection, findSectionByPath } from '../sections/index.js';
import type { Actor } from '../staff/index.js';
import { ARTICLE_ACCESS, type ArticleAccess } from './article.js';
import { type Article, getArticle } from './article-queries.js';
import { findArticleIdBySlug, syncTagPublication } from './article-repository.js';
import { updateArticle } from './article-saving.js';
import type { ArticleFieldsInput } from './article-schemas.js';
import { createArticle } from './article-service.js';
import { runWorkflow } from './article-workflow.js';

/** The importer acts as the newsroom itself; its revisions say "Import". */
export const IMPORTER: Actor = { staffId: null, tokenId: null, name: 'Import', role: 'owner' };

const KEYS = [
  'headline',
  'dek',
  'dateline',
  'slug',
  'section',
  'tags',
  'authors',
  'image',
  'image_caption',
  'image_credit',
  'image_alt',
  'published_at',
  'status',
  'access',
  'byline_suffix',
] as const;

export interface ImportFile {
  frontMatter: Record<string, unknown>;
  markdown: string;
}

/** Splits a Markdown file into its YAML front matter and body; refuses a file without front matter. */
export function parseImportFile(text: string): ImportFile {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match)
    throw importError('front matter', 'The file must start with front matter between two "---" lines.');
  let frontMatter: unknown;
  try {
    frontMatter = parseYaml(match[1]!);
  } catch (error) {
    throw importError('front matter', `The front matter is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof frontMatter !== 'object' || frontMatter === null || Array.isArray(frontMatter)) {
    throw importError('front matter', 'The front matter must be a list of "key: value" lines.');
  }
  return { frontMatter: frontMatter as Record<string, unknown>, markdown: match[2] ?? '' };
}

export interface ImportResult {
  article: Article;
  created: boolean;
  warnings: string[];
}

/**
 * Imports one parsed file: creates the article, or updates the one with the same slug, so importing
 * the same file twice never duplicates. Runs inside the caller's transaction: a file is all or nothing.
 */
export async function importArticle(
  trx: Db,
  clock: Clock,
  file: ImportFile,
  fileName: string,
  leadPhotoId: string | null = null,
): Promise<ImportResult> {
  const fm = file.frontMatter;
  const warnings: string[] = [];
  const unknown = Object.keys(fm).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length) warnings.push(`unknown front matter keys ignored: ${unknown.join(', ')}`);

  const headline = text(fm, 'headline');
  if (!headline) throw importError('headline', 'The front matter needs a headline.');
  const status = text(fm, 'status') || 'draft';
  if (status !== 'draft' && status !== 'published')
    throw importError('status', 'status must be "draft" or "published".');
  const access = (text(fm, 'access') || 'metered') as ArticleAccess;
  if (!ARTICLE_ACCESS.includes(access))
    throw importError('access', `access must be one of ${ARTICLE_ACCESS.join(', ')}.`);
  const publishedAt = fm.published_at === undefined ? null : toIso(fm.published_at);
  if (fm.published_at !== undefined && !publishedAt) {
    throw importError(
      'published_at',
      'published_at must be an ISO 8601 date and time, such as 2026-11-16T09:00:00Z.',
    );
  }

  const authorNames = list(fm, 'authors');
  const authors = authorNames.length ? await findOrCreateGuestAuthors(trx, clock, authorNames) : [];
  const slug =
    text(fm, 'slug') || slugify(headline) || slugify(path.basename(fileName, path.extname(fileName)));
  const fields: Partial<ArticleFieldsInput> & { headline: string } = {
    headline,
    dek: text(fm, 'dek'),
    dateline: text(fm, 'dateline'),
    slug,
    bodyMarkdown: file.markdown,
    tags: list(fm, 'tags'),
    authorIds: authors.map((a) => a.id),
    bylineSuffix: text(fm, 'byline_suffix'),
    access,
    ...(leadPhotoId
      ? {
          leadImage: {
            mediaId: leadPhotoId,
            caption: text(fm, 'image_caption'),
            credit: text(fm, 'image_credit'),
            alt: text(fm, 'image_alt'),
          },
        }
      : {}),
    ...(fm.section !== undefined
      ? { section: await ensureSectionPath(trx, clock, text(fm, 'section')) }
      : {}),
  };

  const existingId = await findArticleIdBySlug(trx, slug);
  let article: Article;
  if (existingId) {
    const current = await getArticle(trx, existingId);
    // An archive is the source of its own text: a published article's import goes live at once,
    // and edits staged in the newsroom are set aside (they stay in its history; ADR 0017).
    const update = await updateArticle(trx, clock, IMPORTER, existingId, current.revision, fields, {
      live: true,
    });
    article = update.article;
    if (current.stagedVersion && update.changed.length > 0) {
      warnings.push(
        `edits staged in the newsroom (revision ${current.stagedVersion.revision}) were set aside; restore them from the history`,
      );
    }
  } else {
    article = await createArticle(trx, clock, IMPORTER, fields);
  }
  if (status === 'published' && article.status !== 'published') {
    article = await runWorkflow(trx, clock, IMPORTER, article.id, 'publish', { revision: article.revision });
  }
  if (status === 'published' && publishedAt && article.publishedAt !== publishedAt) {
    // An archive keeps its original dates: the article was published then, not at import time.
    await trx
      .updateTable('articles')
      .set({ published_at: publishedAt, first_published_at: publishedAt })
      .where('id', '=', article.id)
      .execute();
    // Tag rows carry the publication time too (related articles and tag pages order by it).
    await syncTagPublication(trx, article.id, publishedAt);
    article = await getArticle(trx, article.id);
  }
  return { article, created: !existingId, warnings };
}

/**
 * An archive names sections its own way ("World", "World > Europe", "world/europe"); missing ones are
 * created, level by level, so a whole archive imports without setting up sections first.
 */
async function ensureSectionPath(trx: Db, clock: Clock, raw: string): Promise<string | null> {
  const names = raw
    .split(/\s*[>/]\s*/)
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) return null;
  let parentId: string | null = null;
  let path = '';
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) throw importError('section', `No section address can be made from "${name}".`);
    path = path ? `${path}/${slug}` : slug;
    const found = await findSectionByPath(trx, path);
    const section: { id: string } =
      found ?? (await createSection(trx, clock, IMPORTER, { name: titleCase(name), slug, parentId }));
    parentId = section.id;
  }
  return path;
}

function titleCase(name: string): string {
  return /[A-Z]/.test(name)
    ? name
    : name.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function text(fm: Record<string, unknown>, key: string): string {
  const value = fm[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  throw importError(key, `${key} must be text.`);
}

function list(fm: Record<string, unknown>, key: string): string[] {
  const value = fm[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value.trim()].filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.map((v) => v.trim()).filter(Boolean);
  throw importError(key, `${key} must be a list of names.`);
}

function toIso(value: unknown): string | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? isoTime(date) : null;
}

function importError(field: string, message: string): AppError {
  return new AppError('IMPORT_INVALID', 400, message, { field });
}
