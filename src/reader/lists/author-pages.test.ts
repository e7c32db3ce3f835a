import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { addArticle, addArticles, addSection, TEST_EDITOR } from '../../../test/support/reader-fixtures.js';
import { createAuthor } from '../../capabilities/authors/index.js';
import { fixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { CacheKey } from '../../platform/http/cache-keys.js';

function headlines(body: string): string[] {
  return [...body.matchAll(/<li class="card">.*?<h3><a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]!);
}

describeEachDialect('author pages', (t) => {
  async function paper() {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const { db } = t.database;
    const world = await addSection(db, clock, { name: 'World' });
    const marta = await inTransaction(db, (trx) =>
      createAuthor(trx, clock, TEST_EDITOR, {
        name: 'Marta <Kowalczyk>',
        slug: 'marta-kowalczyk',
        bio: 'Covers Eastern Europe.\n\nBefore that, <b>ten years</b> in Warsaw.',
        affiliation: 'Ledger & Co',
        photoUrl: '/media/marta.jpg',
      }),
    );
    const silent = await inTransaction(db, (trx) =>
      createAuthor(trx, clock, TEST_EDITOR, { name: 'Quiet Staffer', slug: 'quiet-staffer' }),
    );
    await addArticles(db, clock, 2, { prefix: 'By Marta', section: world.id, authorIds: [marta.id] });
    await addArticles(db, clock, 1, { prefix: 'Someone else', section: world.id });
    clock.advance(60_000);
    await addArticle(db, clock, {
      headline: 'Marta draft',
      section: world.id,
      authorIds: [marta.id],
      draft: true,
    });
    await addArticle(db, clock, {
      headline: 'Quiet draft',
      section: world.id,
      authorIds: [silent.id],
      draft: true,
    });
    const { app } = await buildTestApp(t.database, { clock });
    return { app, marta };
  }

  it('shows name, affiliation, photo and bio, escaped, then their published articles', async () => {
    const { app, marta } = await paper();
    const res = await app.inject('/by/marta-kowalczyk');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Marta &lt;Kowalczyk></h1>');
    expect(res.body).toContain('<p class="affiliation sans">Ledger &amp; Co</p>');
    expect(res.body).toContain(
      // An empty alt (the photo is decorative beside the name) renders as a bare `alt`, the same to browsers.
      '<img class="author-photo" src="/media/marta.jpg" alt width="112" height="112"/>',
    );
    expect(res.body).toContain(
      '<p>Covers Eastern Europe.</p><p>Before that, &lt;b>ten years&lt;/b> in Warsaw.</p>',
    );
    expect(res.body).toContain('<meta name="description" content="Covers Eastern Europe."/>');
    expect(res.body).toContain('<meta property="og:type" content="profile"/>');
    expect(res.body).toContain('<meta property="og:image" content="https://news.example/media/marta.jpg"/>');
    // JSON-LD is serialized with < escaped, so the name cannot close the script element.
    const jsonLd = res.body.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!;
    expect(jsonLd).not.toContain('<');
    expect(JSON.parse(jsonLd)).toMatchObject({
      '@type': 'ProfilePage',
      mainEntity: { '@type': 'Person', name: 'Marta <Kowalczyk>', affiliation: { name: 'Ledger & Co' } },
    });
    expect(headlines(res.body)).toEqual(['By Marta 2', 'By Marta 1']);
    expect(res.body).not.toContain('Marta draft');
    expect(res.body).not.toContain('Someone else');
    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys).toContain(CacheKey.author(marta.id));
    expect(keys.filter((k) => k.startsWith('article:'))).toHaveLength(2);
  });

  it('is a 404 for unknown authors and for authors with nothing published', async () => {
    const { app } = await paper();
    for (const url of ['/by/nobody', '/by/quiet-staffer', '/by/']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('Quiet Staffer');
    }
  });

  it('pages by 20 and 404s for bad page numbers', async () => {
    const clock = fixedClock('2026-11-16T09:00:00Z');
    const world = await addSection(t.database.db, clock, { name: 'World' });
    await addArticles(t.database.db, clock, 22, {
      prefix: 'Item',
      section: world.id,
      authors: ['Ada Reporter'],
    });
    const { app } = await buildTestApp(t.database, { clock });
    const second = await app.inject('/by/ada-reporter?page=2');
    expect(second.statusCode).toBe(200);
    expect(headlines(second.body)).toEqual(['Item 2', 'Item 1']);
    expect(second.body).toContain('<link rel="prev" href="https://news.example/by/ada-reporter"/>');
    expect(second.body).toContain('<title>Ada Reporter (page 2) - Masthead</title>');
    for (const page of ['3', 'x', '0', '-1', '1e3']) {
      expect((await app.inject(`/by/ada-reporter?page=${page}`)).statusCode, page).toBe(404);
    }
  });
});
