import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/database/database.js';
import { dialects } from '../support/databases.js';
import { CLI, type ProcessDatabase, processDatabase, run } from '../support/processes.js';

let database: ProcessDatabase | undefined;
let folder: string | undefined;
afterEach(async () => {
  await database?.cleanup();
  database = undefined;
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

function write(dir: string, name: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
}

describe.each(dialects())('masthead import [%s]', (dialect) => {
  it('imports a folder, reports bad files without stopping, and updates instead of duplicating', async () => {
    database = await processDatabase(dialect);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-import-'));
    write(
      folder,
      'a-visit.md',
      `---
headline: Alliance Chief Visits Capital
dek: A secret trip.
dateline: "KYIV, Ukraine —"
slug: alliance-chief-visits
section: World > Europe
tags: [Diplomacy, Europe]
authors: [Marta Kowalczyk, Wire Staff]
published_at: 2026-11-16T07:30:00Z
status: published
access: free
---
The secretary general arrived on Sunday.

## Talks

They met for three hours.
`,
    );
    write(folder, 'nested/b-draft.md', '---\nheadline: A Draft\nsection: business\n---\nStill writing.\n');
    write(folder, 'nested/c-bad.md', '---\nheadline: Broken\nstatus: live\n---\nBody.\n');
    write(folder, 'd-no-front-matter.md', 'Just text.\n');
    write(folder, 'notes.txt', 'not markdown, not imported');

    const first = await run(CLI, ['import', folder], database.env);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('Imported 2 of 4 file(s): 2 new, 0 updated, 2 failed.');
    expect(first.stdout).toMatch(/failed {3}.*c-bad\.md: status: status must be "draft" or "published"\./);
    expect(first.stdout).toMatch(
      /failed {3}.*d-no-front-matter\.md: front matter: The file must start with front matter/,
    );

    // Fix the bad file and import everything again: the same slugs update, nothing doubles.
    write(folder, 'nested/c-bad.md', '---\nheadline: Fixed\nstatus: draft\n---\nBody.\n');
    fs.rmSync(path.join(folder, 'd-no-front-matter.md'));
    write(
      folder,
      'nested/b-draft.md',
      '---\nheadline: A Draft\ndek: Now with a dek\nsection: business\n---\nStill writing.\n',
    );
    const second = await run(CLI, ['import', folder], database.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Imported 3 of 3 file(s): 1 new, 2 updated, 0 failed.');

    const handle = await openDatabase(
      dialect === 'sqlite'
        ? { dialect: 'sqlite', file: path.join(database.dataDir, 'masthead.sqlite') }
        : { dialect: 'postgres', url: database.env.DATABASE_URL! },
    );
    try {
      const articles = await handle.db
        .selectFrom('articles')
        .select(['slug', 'status', 'access', 'dek', 'published_at', 'dateline'])
        .orderBy('slug')
        .execute();
      expect(articles).toEqual([
        {
          slug: 'a-draft',
          status: 'draft',
          access: 'metered',
          dek: 'Now with a dek',
          published_at: null,
          dateline: '',
        },
        {
          slug: 'alliance-chief-visits',
          status: 'published',
          access: 'free',
          dek: 'A secret trip.',
          published_at: '2026-11-16T07:30:00.000Z',
          dateline: 'KYIV, Ukraine —',
        },
        { slug: 'fixed', status: 'draft', access: 'metered', dek: '', published_at: null, dateline: '' },
      ]);
      // The tag rows carry the archive's publication time, not the import's (related lists order by it).
      const tagTimes = await handle.db
        .selectFrom('article_tags')
        .innerJoin('articles', 'articles.id', 'article_tags.article_id')
        .select(['articles.slug', 'article_tags.published_at'])
        .where('articles.slug', '=', 'alliance-chief-visits')
        .execute();
      expect(tagTimes).toEqual([
        { slug: 'alliance-chief-visits', published_at: '2026-11-16T07:30:00.000Z' },
        { slug: 'alliance-chief-visits', published_at: '2026-11-16T07:30:00.000Z' },
      ]);
      const sections = await handle.db
        .selectFrom('sections')
        .select(['path', 'name'])
        .orderBy('path')
        .execute();
      expect(sections).toEqual([
        { path: 'business', name: 'Business' },
        { path: 'world', name: 'World' },
        { path: 'world/europe', name: 'Europe' },
      ]);
      const authors = await handle.db
        .selectFrom('authors')
        .select(['name', 'staff_id'])
        .orderBy('name')
        .execute();
      expect(authors).toEqual([
        { name: 'Marta Kowalczyk', staff_id: null },
        { name: 'Wire Staff', staff_id: null },
      ]);
    } finally {
      await handle.close();
    }
  });
});
