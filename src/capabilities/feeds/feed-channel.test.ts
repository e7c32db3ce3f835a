import Parser from 'rss-parser';
import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { fixedClock } from '../../platform/clock.js';
import { createAuthor } from '../authors/index.js';
import { createSection } from '../sections/index.js';
import { updateSetting } from '../settings/index.js';
import type { Actor } from '../staff/index.js';

const actor: Actor = { staffId: null, tokenId: null, name: 'Test', role: 'owner' };
const HOSTILE = 'Covers <img src=x onerror="alert(1)"> & more';
const parser = new Parser();

/**
 * Issue 12, F5: a channel's description is staff text (the paper's description, a section's, an
 * author's bio). Feed readers take RSS descriptions as HTML, so it must arrive escaped, as an item's
 * does; Atom's subtitle is type="text" and JSON Feed's description plain text.
 */
describeEachDialect('feed channel descriptions', (t) => {
  async function paper() {
    const { db } = t.database;
    const clock = fixedClock('2026-11-16T09:00:00Z');
    await updateSetting(db, clock, 'publication.description', `The paper. ${HOSTILE}`);
    await createSection(db, clock, actor, { name: 'World', description: `Section. ${HOSTILE}` });
    await createAuthor(db, clock, actor, { name: 'Jane Doe', bio: `Bio. ${HOSTILE}` });
    return (await buildTestApp(t.database)).app;
  }

  it('RSS: the channel description is escaped HTML, read back as the text staff typed', async () => {
    const app = await paper();
    for (const [url, lead] of [
      ['/feed.xml', 'The paper.'],
      ['/section/world/feed.xml', 'Section.'],
      ['/by/jane-doe/feed.xml', 'Bio.'],
    ] as const) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      const channel = /<channel>[\s\S]*?<item>|<channel>[\s\S]*<\/channel>/.exec(res.body)?.[0] ?? '';
      expect(channel, url).not.toContain('<img');
      // Decoded once as XML, the description is HTML whose text is what staff typed.
      const feed = await parser.parseString(res.body);
      expect(feed.description, url).toBe(
        `${lead} Covers &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more`,
      );
    }
  });

  it('Atom: the subtitle is type="text"; JSON Feed: the description is the plain text', async () => {
    const app = await paper();
    const atom = await app.inject('/section/world/feed.atom');
    expect(atom.body).toContain(
      '<subtitle type="text">Section. Covers &lt;img src=x onerror="alert(1)"&gt; &amp; more</subtitle>',
    );
    expect(atom.body).not.toContain('<img');
    const json = JSON.parse((await app.inject('/by/jane-doe/feed.json')).body);
    expect(json.description).toBe(`Bio. ${HOSTILE}`);
  });
});
