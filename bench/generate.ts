import { randomBytes } from 'node:crypto';
import { publicBodyText } from '../src/capabilities/articles/document/index.js';
import type { Db } from '../src/platform/database/database.js';
import { newId } from '../src/platform/ids.js';

/**
 * Fills an empty, migrated database with a newspaper archive of `count` published articles:
 * 10 sections with 3 subsections each, 300 authors, 600 tags, bodies of about 700 words. Rows are
 * written directly in large transactions (the services would take hours at a million); they have
 * the shape the services write, so the pages read them the same way. Dialect-neutral: the same rows go
 * into SQLite or PostgreSQL (whose search column is generated from them).
 */
export async function generateArchive(db: Db, count: number, log: (line: string) => void): Promise<void> {
  const now = Date.parse('2026-11-16T09:00:00Z');
  const at = (ms: number) => new Date(ms).toISOString();
  const created = at(now);

  await db
    .insertInto('staff')
    .values({
      id: newId(),
      email: 'bench-owner@example.com',
      name: 'Bench Owner',
      role: 'owner',
      password_hash: null,
      created_at: created,
      updated_at: created,
      disabled_at: null,
    })
    .execute();

  const sectionIds: string[] = [];
  for (let s = 0; s < 10; s++) {
    const id = newId();
    const slug = `section-${s}`;
    await db
      .insertInto('sections')
      .values({
        id,
        name: `Section ${s}`,
        slug,
        parent_id: null,
        path: slug,
        description: '',
        position: s,
        created_at: created,
        updated_at: created,
      })
      .execute();
    sectionIds.push(id);
    for (let c = 0; c < 3; c++) {
      const childId = newId();
      await db
        .insertInto('sections')
        .values({
          id: childId,
          name: `Desk ${s}.${c}`,
          slug: `desk-${c}`,
          parent_id: id,
          path: `${slug}/desk-${c}`,
          description: '',
          position: c,
          created_at: created,
          updated_at: created,
        })
        .execute();
      sectionIds.push(childId);
    }
  }
  const authorIds: string[] = [];
  for (let a = 0; a < 300; a += 100) {
    const rows = Array.from({ length: 100 }, (_, i) => {
      const id = newId();
      authorIds.push(id);
      return {
        id,
        name: `Reporter ${a + i}`,
        slug: `reporter-${a + i}`,
        bio: 'Covers the city.',
        staff_id: null,
        affiliation: null,
        photo_url: null,
        links: '[]',
        created_at: created,
        updated_at: created,
      };
    });
    await db.insertInto('authors').values(rows).execute();
  }
  const tagIds: string[] = [];
  for (let t = 0; t < 600; t += 100) {
    const rows = Array.from({ length: 100 }, (_, i) => {
      const id = newId();
      tagIds.push(id);
      return { id, name: `Topic ${t + i}`, slug: `topic-${t + i}`, created_at: created };
    });
    await db.insertInto('tags').values(rows).execute();
  }

  const batch = 500;
  const span = 10 * 365 * 24 * 3600_000;
  const started = Date.now();
  for (let done = 0; done < count; done += batch) {
    const size = Math.min(batch, count - done);
    await db.transaction().execute(async (trx) => {
      const articles = [];
      const bylines = [];
      const tags = [];
      for (let i = 0; i < size; i++) {
        const n = done + i;
        // Newest first by n: article 0 is the latest.
        const published = at(now - Math.floor((n / count) * span) - 60_000);
        const id = newId(Date.parse(published));
        const body = documentFor(n);
        const text = body.content.map((p) => p.content[0]!.text).join('\n\n');
        const access = n % 5 === 0 ? ('free' as const) : ('metered' as const);
        articles.push({
          id,
          slug: `story-${n}-${randomBytes(3).toString('hex')}`,
          status: 'published',
          headline: `Council ${WORDS[n % WORDS.length]} plan for ${WORDS[(n * 7) % WORDS.length]} district, story ${n}`,
          dek: `A summary of story ${n}, about ${WORDS[(n * 3) % WORDS.length]} and ${WORDS[(n * 11) % WORDS.length]}.`,
          dateline: 'SPRINGFIELD —',
          body: JSON.stringify(body),
          body_text: text,
          public_text: publicBodyText(body, access),
          access,
          section_id: sectionIds[n % sectionIds.length]!,
          lead_image: null,
          seo_headline: '',
          seo_description: '',
          byline_suffix: '',
          word_count: 700,
          reading_minutes: 3,
          revision: 2,
          created_by: null,
          created_at: published,
          saved_at: published,
          first_published_at: published,
          published_at: published,
          modified_at: null,
          scheduled_at: null,
          unpublished_at: null,
        });
        bylines.push({ article_id: id, author_id: authorIds[n % authorIds.length]!, position: 0 });
        // A published article's tag rows carry its publication time (migration 0014).
        tags.push({
          article_id: id,
          tag_id: tagIds[n % tagIds.length]!,
          position: 0,
          published_at: published,
        });
        tags.push({
          article_id: id,
          tag_id: tagIds[(n * 13 + 1) % tagIds.length]!,
          position: 1,
          published_at: published,
        });
      }
      // 250 articles a statement is about 7,000 bound parameters: under SQLite's limit (32,766) and
      // PostgreSQL's (65,535), with few round trips (PostgreSQL: about 1,300 articles a second at 2,000).
      for (let k = 0; k < articles.length; k += 250)
        await trx
          .insertInto('articles')
          .values(articles.slice(k, k + 250))
          .execute();
      await trx.insertInto('article_authors').values(bylines).execute();
      await trx.insertInto('article_tags').values(tags).execute();
    });
    if ((done / batch) % 20 === 0) {
      const rate = Math.round((done + size) / ((Date.now() - started) / 1000));
      log(`  generated ${done + size} of ${count} articles (${rate}/s)`);
    }
  }
}

const WORDS = [
  'budget',
  'harbour',
  'school',
  'transit',
  'housing',
  'library',
  'water',
  'energy',
  'museum',
  'market',
  'bridge',
  'clinic',
  'river',
  'airport',
  'stadium',
  'police',
  'forest',
  'tunnel',
  'college',
  'festival',
];

function documentFor(n: number) {
  const paragraphs = [];
  for (let p = 0; p < 10; p++) {
    const words = [];
    for (let w = 0; w < 70; w++) words.push(WORDS[(n + p * 31 + w * 7) % WORDS.length]);
    paragraphs.push({
      type: 'paragraph' as const,
      content: [{ type: 'text' as const, text: `${words.join(' ')}.` }],
    });
  }
  return { type: 'doc' as const, content: paragraphs };
}
