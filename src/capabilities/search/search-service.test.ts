import { sql } from 'kysely';
import { expect, it } from 'vitest';
import * as searchMigration from '../../../migrations/0007-search.js';
import * as searchFiltersMigration from '../../../migrations/0016-search-filters.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  addArticle,
  addSection,
  editArticle,
  publish,
  unpublish,
} from '../../../test/support/search-fixtures.js';
import { fixedClock } from '../../platform/clock.js';
import { type Segment, segmentsText } from './search.js';
import {
  rebuildSearchIndex,
  type SearchRequest,
  type SearchResults,
  searchArticles,
} from './search-service.js';

const marked = (segments: Segment[]) => segments.filter((s) => s.match).map((s) => s.text.toLowerCase());
const headlines = (results: SearchResults) => results.items.map((i) => segmentsText(i.headline));

describeEachDialect('search', (t) => {
  const clock = fixedClock('2026-11-16T09:00:00Z');
  const find = (q: string, more: Partial<SearchRequest> = {}) =>
    searchArticles(t.database.db, t.dialect, { q, page: 1, ...more });

  async function world() {
    const section = await addSection(t.database.db, clock, { name: 'World' });
    return section;
  }

  it('ranks a headline match above a dek match above a body match, whatever their age', async () => {
    const { db } = t.database;
    const s = await world();
    // Oldest first: the headline match is the oldest, so recency cannot explain the order.
    clock.set('2026-01-01T10:00:00Z');
    await addArticle(db, clock, {
      headline: 'Glacier retreat measured',
      section: s.id,
      body: 'Ice loss data.',
    });
    clock.set('2026-02-01T10:00:00Z');
    await addArticle(db, clock, { headline: 'Mountain report', dek: 'A glacier in focus', section: s.id });
    clock.set('2026-03-01T10:00:00Z');
    await addArticle(db, clock, {
      headline: 'Alpine villages',
      section: s.id,
      body: 'Farmers in the valley watch the glacier above them every spring.',
    });
    await addArticle(db, clock, { headline: 'Unrelated budget news', section: s.id, body: 'Taxes rise.' });
    const results = await find('glacier');
    expect(results.total).toBe(3);
    expect(headlines(results)).toEqual(['Glacier retreat measured', 'Mountain report', 'Alpine villages']);
  });

  it('marks matched words in headline, dek and a body snippet, keeping the text exact', async () => {
    const { db } = t.database;
    const s = await world();
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    await addArticle(db, clock, {
      headline: 'Harbour <b>cranes</b> & the Harbour board',
      dek: 'What the harbour means',
      section: s.id,
      body: `${filler(60)} then the harbour cranes stopped ${filler(60)}`,
    });
    const [item] = (await find('harbour')).items;
    expect(segmentsText(item!.headline)).toBe('Harbour <b>cranes</b> & the Harbour board');
    expect(marked(item!.headline)).toEqual(['harbour', 'harbour']);
    expect(item!.headline[0]).toEqual({ text: 'Harbour', match: true });
    expect(marked(item!.dek)).toEqual(['harbour']);
    const snippet = segmentsText(item!.snippet);
    expect(marked(item!.snippet)).toEqual(['harbour']);
    expect(snippet).toContain('harbour cranes stopped');
    // Cut on both sides, so it says so; and far shorter than the body.
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.split(' ').length).toBeLessThan(40);
  });

  it('shows the start of the body when only the headline matches', async () => {
    const s = await world();
    await addArticle(t.database.db, clock, {
      headline: 'Lighthouse restored',
      section: s.id,
      body: 'Volunteers painted the tower white again.',
    });
    const [item] = (await find('lighthouse')).items;
    expect(segmentsText(item!.snippet)).toBe('Volunteers painted the tower white again.');
    expect(marked(item!.snippet)).toEqual([]);
  });

  it('needs every word, ignores case, and matches a term ending in * as a prefix', async () => {
    const { db } = t.database;
    const s = await world();
    await addArticle(db, clock, { headline: 'Election results', section: s.id, body: 'The city votes.' });
    await addArticle(db, clock, { headline: 'Election day weather', section: s.id, body: 'Rain expected.' });
    await addArticle(db, clock, { headline: 'Elephants at the zoo', section: s.id, body: 'New arrivals.' });
    expect((await find('ELECTION')).total).toBe(2);
    expect(headlines(await find('election weather'))).toEqual(['Election day weather']);
    expect((await find('elect')).total).toBe(0);
    expect((await find('elect*')).total).toBe(2);
    expect((await find('ele*')).total).toBe(3);
    expect(headlines(await find('ele* weath*'))).toEqual(['Election day weather']);
    // Two letters are too short to be a prefix: only the word "el" itself would match.
    expect((await find('el*')).total).toBe(0);
    const [item] = (await find('weath*')).items;
    expect(marked(item!.headline)).toEqual(['weather']);
  });

  it('finds words in any script, with accents and combining marks intact', async () => {
    const { db } = t.database;
    const s = await world();
    await addArticle(db, clock, { headline: 'Zürich votes on housing', section: s.id });
    await addArticle(db, clock, {
      headline: 'مرحبا بالعالم',
      slug: 'arabic',
      section: s.id,
      body: 'نص المقال هنا.',
    });
    await addArticle(db, clock, {
      headline: 'हिन्दी समाचार आज',
      slug: 'hindi',
      section: s.id,
      body: 'यह लेख है।',
    });
    await addArticle(db, clock, { headline: '東京 の ニュース', slug: 'tokyo', section: s.id });
    expect(headlines(await find('ZÜRICH'))).toEqual(['Zürich votes on housing']);
    expect(headlines(await find('مرحبا'))).toEqual(['مرحبا بالعالم']);
    expect(headlines(await find('हिन्दी'))).toEqual(['हिन्दी समाचार आज']);
    expect(headlines(await find('東京'))).toEqual(['東京 の ニュース']);
    expect(marked((await find('हिन्दी')).items[0]!.headline)).toEqual(['हिन्दी']);
  });

  it('filters by section with its subsections, by author, and by days in the paper’s time zone', async () => {
    const { db } = t.database;
    const w = await world();
    const europe = await addSection(db, clock, { name: 'Europe', parentId: w.id });
    const business = await addSection(db, clock, { name: 'Business' });
    clock.set('2026-03-01T10:00:00Z');
    await addArticle(db, clock, { headline: 'Budget in Paris', section: europe.id, authors: ['Ann Lee'] });
    clock.set('2026-03-02T03:30:00Z'); // 1 March, 22:30 in New York
    await addArticle(db, clock, { headline: 'Budget in Lagos', section: w.id, authors: ['Bo Chen'] });
    clock.set('2026-03-05T10:00:00Z');
    await addArticle(db, clock, {
      headline: 'Budget for banks',
      section: business.id,
      authors: ['Ann Lee', 'Bo Chen'],
    });

    expect(headlines(await find('budget', { section: 'world' })).sort()).toEqual([
      'Budget in Lagos',
      'Budget in Paris',
    ]);
    expect(headlines(await find('budget', { section: 'world/europe' }))).toEqual(['Budget in Paris']);
    expect(headlines(await find('budget', { author: 'ann-lee' })).sort()).toEqual([
      'Budget for banks',
      'Budget in Paris',
    ]);
    expect(headlines(await find('budget', { author: 'bo-chen', section: 'business' }))).toEqual([
      'Budget for banks',
    ]);
    // Days are the reader's calendar in the paper's zone: Lagos was published on 1 March in New York.
    const ny = { timeZone: 'America/New_York' };
    expect(headlines(await find('budget', { ...ny, from: '2026-03-01', to: '2026-03-01' })).sort()).toEqual([
      'Budget in Lagos',
      'Budget in Paris',
    ]);
    expect(headlines(await find('budget', { from: '2026-03-02', to: '2026-03-04' }))).toEqual([
      'Budget in Lagos',
    ]);
    expect(headlines(await find('budget', { from: '2026-03-03' }))).toEqual(['Budget for banks']);
    expect(headlines(await find('budget', { to: '2026-03-01' }))).toEqual(['Budget in Paris']);
    const filtered = await find('budget', { section: 'world', author: 'ann-lee' });
    expect(filtered.filters.section?.name).toBe('World');
    expect(filtered.filters.author?.name).toBe('Ann Lee');
    expect(filtered.notices).toEqual([]);
  });

  it('leaves out a filter that makes no sense and says so', async () => {
    const { db } = t.database;
    const s = await world();
    await addArticle(db, clock, { headline: 'Budget vote', section: s.id });
    const cases: [Partial<SearchRequest>, string][] = [
      [{ section: 'no/such/section' }, 'section'],
      [{ author: 'nobody-here' }, 'author'],
      [{ author: 'x'.repeat(5000) }, 'author'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-02-30' }, 'to'],
      [{ from: '2026-12-01', to: '2026-01-01' }, 'to'],
      [{ from: "2026-01-01' or 1=1 --" }, 'from'],
    ];
    for (const [filters, field] of cases) {
      const results = await find('budget', filters);
      expect(results.total, JSON.stringify(filters)).toBe(1);
      expect(results.notices.map((n) => n.field)).toEqual([field]);
      expect(results.filters).toEqual({ section: null, author: null, from: null, to: null });
    }
    const all = await find('budget', { section: 'x', author: 'y', from: 'z', to: 'w' });
    expect(all.notices.map((n) => n.field)).toEqual(['section', 'author', 'from', 'to']);
    expect(all.total).toBe(1);
  });

  it('pages twenty at a time, best first, with no article on two pages', async () => {
    const { db } = t.database;
    const s = await world();
    for (let i = 1; i <= 45; i++) {
      clock.advance(60_000);
      // Fewer mentions rank lower; every fifth article mentions the word in its headline.
      await addArticle(db, clock, {
        headline: i % 5 === 0 ? `Tide tables ${i}` : `Coastal notes ${i}`,
        section: s.id,
        body: `Story ${i} mentions the tide.`,
      });
    }
    const [p1, p2, p3, p4] = await Promise.all([1, 2, 3, 4].map((page) => find('tide', { page })));
    expect([p1!.total, p1!.pages, p1!.items.length, p2!.items.length, p3!.items.length]).toEqual([
      45, 3, 20, 20, 5,
    ]);
    expect(p4!.items).toEqual([]);
    expect(p4!.pages).toBe(3);
    const ids = [...p1!.items, ...p2!.items, ...p3!.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(45);
    // The nine headline matches lead the first page.
    expect(
      headlines(p1!)
        .slice(0, 9)
        .every((h) => h.startsWith('Tide tables')),
    ).toBe(true);
  });

  it('keeps the index in step with publish, update, unpublish and republish; drafts never match', async () => {
    const { db } = t.database;
    const s = await world();
    const draft = await addArticle(db, clock, {
      headline: 'Secret draft about walruses',
      section: s.id,
      draft: true,
    });
    expect((await find('walruses')).total).toBe(0);
    const edited = await editArticle(db, clock, draft, { headline: 'Secret draft about narwhals' });
    expect((await find('narwhals')).total).toBe(0);

    const live = await publish(db, clock, edited);
    expect(headlines(await find('narwhals'))).toEqual(['Secret draft about narwhals']);

    const renamed = await editArticle(db, clock, live, { headline: 'Orcas seen offshore' });
    expect((await find('narwhals')).total).toBe(0);
    expect(headlines(await find('orcas'))).toEqual(['Orcas seen offshore']);

    const rewritten = await editArticle(db, clock, renamed, {
      bodyMarkdown: 'Sighted near the **lighthouse** at dawn.',
    });
    expect(headlines(await find('lighthouse'))).toEqual(['Orcas seen offshore']);
    expect((await find('filler')).total).toBe(0);

    const gone = await unpublish(db, clock, rewritten);
    expect((await find('orcas')).total).toBe(0);
    const draftEdit = await editArticle(db, clock, gone, { dek: 'Dolphins too' });
    expect((await find('dolphins')).total).toBe(0);

    await publish(db, clock, draftEdit);
    expect((await find('dolphins')).total).toBe(1);
    expect((await find('orcas lighthouse')).total).toBe(1);
  });

  it('never fails on absurd input: empty, punctuation, FTS and SQL syntax, huge, emoji, right-to-left', async () => {
    const { db } = t.database;
    const s = await world();
    await addArticle(db, clock, { headline: 'Ordinary article about near neighbours', section: s.id });
    const inputs = [
      '',
      '   ',
      '!!!???...',
      '" OR 1=1 --',
      "'; drop table articles; --",
      'NEAR(',
      'NEAR(a b, 2)',
      '*',
      'a*',
      '"unbalanced',
      "it's o'clock",
      'headline:near',
      '^near',
      '(near OR neighbours) AND NOT x',
      '-near +neighbours',
      'near & | ! <-> :* neighbours',
      '\\near\\',
      '😀🎉',
      '😀near',
      'שלום עולם',
      '\u202Eneighbours\u202C',
      '\u0000near\u0000',
      '\uE000near\uE001',
      '\u0301\u0301',
      'x'.repeat(10_000),
      'near '.repeat(2_000),
      Array.from({ length: 50 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const q of inputs) {
      const results = await find(q);
      expect(results.items.length, JSON.stringify(q.slice(0, 40))).toBe(Math.min(results.total, 20));
      expect(results.query.length).toBeLessThanOrEqual(200);
      expect(results.terms.length).toBeLessThanOrEqual(12);
    }
    expect((await find('" OR 1=1 --')).terms).toEqual(['OR', '1']);
    expect((await find('!!!???...')).terms).toEqual([]);
    expect(headlines(await find('😀near'))).toEqual(['Ordinary article about near neighbours']);
    expect(headlines(await find('NEAR('))).toEqual(['Ordinary article about near neighbours']);
    expect(headlines(await find('(near OR neighbours) AND NOT x'))).toEqual([]);
    expect((await find('x'.repeat(10_000))).notices.map((n) => n.field)).toEqual(['q']);
    expect((await find('near '.repeat(2_000))).total).toBe(1);
  });

  it('ranks only the newest matches when more match than it ranks, and says so', async () => {
    const { db } = t.database;
    const s = await world();
    // The oldest has the word in its headline, so it would rank first if it were ranked at all.
    clock.set('2026-01-01T00:00:00Z');
    await addArticle(db, clock, { headline: 'Ferry timetable', section: s.id, body: 'Old ferry news.' });
    for (let i = 1; i <= 6; i++) {
      clock.advance(86_400_000);
      await addArticle(db, clock, {
        headline: `Notes ${i}`,
        section: s.id,
        body: `Day ${i}: the ferry ran late.`,
      });
    }
    const results = await searchArticles(db, t.dialect, { q: 'ferry', page: 1 }, { ranked: 4 });
    expect([results.total, results.more, results.pages]).toEqual([4, true, 1]);
    expect(headlines(results).sort()).toEqual(['Notes 3', 'Notes 4', 'Notes 5', 'Notes 6']);
    // A filter reaches back: the window is the newest matches that pass it.
    const older = await searchArticles(
      db,
      t.dialect,
      { q: 'ferry', to: '2026-01-03', page: 1 },
      { ranked: 4 },
    );
    expect([older.total, older.more]).toEqual([3, false]);
    expect(headlines(older)[0]).toBe('Ferry timetable');
    const all = await find('ferry');
    expect([all.total, all.more]).toEqual([7, false]);
    expect(headlines(all)[0]).toBe('Ferry timetable');
  });

  it('drops an article deleted outright from the index', async () => {
    const { db } = t.database;
    const s = await world();
    const gone = await addArticle(db, clock, { headline: 'Pelican census', section: s.id });
    await addArticle(db, clock, { headline: 'Pelican sightings', section: s.id });
    await db.deleteFrom('articles').where('id', '=', gone.id).execute();
    expect(headlines(await find('pelican'))).toEqual(['Pelican sightings']);
  });

  it('indexes articles published before the search migration ran, drafts left out', async () => {
    const { db } = t.database;
    const s = await world();
    await addArticle(db, clock, { headline: 'Archive about beavers', section: s.id });
    await addArticle(db, clock, { headline: 'Draft about beavers', section: s.id, draft: true });
    await searchFiltersMigration.down(db);
    await searchMigration.down(db);
    await searchMigration.up(db);
    expect(headlines(await find('beavers'))).toEqual(['Archive about beavers']);
    await searchFiltersMigration.up(db);
    expect(headlines(await find('beavers', { section: 'world' }))).toEqual(['Archive about beavers']);
  });

  it('rebuilds the index from the articles, published ones only', async () => {
    const { db } = t.database;
    const s = await world();
    await addArticle(db, clock, { headline: 'Otters return', section: s.id });
    await addArticle(db, clock, { headline: 'Otters draft', section: s.id, draft: true });
    if (t.dialect === 'sqlite') {
      await sql`insert into articles_search (articles_search) values ('delete-all')`.execute(db);
      expect((await find('otters')).total).toBe(0);
    }
    await rebuildSearchIndex(db, t.dialect);
    expect(headlines(await find('otters'))).toEqual(['Otters return']);
  });
});
