import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { createArticle, runWorkflow } from '../articles/index.js';
import { findOrCreateGuestAuthors } from '../authors/index.js';
import { arrangeFrontPage, getFrontPage } from '../front-page/index.js';
import { publishLegalVersion } from '../legal/index.js';
import { createSection } from '../sections/index.js';
import { defaultSettings, readSettings, updateSetting } from '../settings/index.js';
import { type Actor, createStaff } from '../staff/index.js';
import { DEMO_ARTICLES, DEMO_FRONT_PAGE, DEMO_NAVIGATION, DEMO_SECTIONS } from './demo-articles.js';
import { DEMO_LEGAL } from './demo-legal.js';
import { uploadDemoPhotos } from './demo-photos.js';
import { holdsPaperContent, recordDemoItems } from './demo-repository.js';

export interface DemoEdition {
  ownerEmail: string;
  /** Shown once at the first start, never stored in clear. */
  ownerPassword: string;
  articles: number;
  sections: number;
}

export const DEMO_OWNER_EMAIL = 'owner@example.com';

/**
 * On an empty database, sets up a sample publication, its owner, four sections and a dozen published
 * articles, so a first start shows a working paper. Empty means nothing of a paper's own: no staff,
 * articles, sections, tags, authors, legal documents or photos, and every setting at its default (a
 * paper that imported its archive first must start with its own content, not a demo beside it).
 * Everything made is listed in `demo_items`, in the same transactions, for `removeDemoEdition`.
 * One transaction after the photos: a crash halfway leaves an empty database, and the next start
 * seeds again. Returns null when the database is not empty.
 */
export async function seedDemoEdition(deps: {
  db: Db;
  clock: Clock;
  config: Config;
}): Promise<DemoEdition | null> {
  const { db, clock } = deps;
  if (!(await isEmpty(db))) return null;
  // Photos first: each upload is its own transaction (file and row together), which cannot nest in
  // the edition's. A crash after this point leaves unused photos listed as demo: the next start
  // seeds again, and `masthead demo remove` removes them.
  const photoIds = await uploadDemoPhotos(
    deps,
    DEMO_ARTICLES.map((a) => a.photo),
  );
  return db.transaction().execute(async (trx) => {
    const settings: Record<string, string> = {
      'publication.name': 'The Morning Ledger',
      'publication.description': 'A sample edition of a daily newspaper, published with Masthead.',
      'publication.copyright_holder': 'The Morning Ledger Company, LLC',
      'publication.footer_notice':
        'The material on this site may not be reproduced, distributed, transmitted, cached or otherwise used, ' +
        'except with the prior written permission of The Morning Ledger Company, LLC.',
      'navigation.primary': DEMO_NAVIGATION,
    };
    for (const [key, value] of Object.entries(settings)) await updateSetting(trx, clock, key, value, 'demo');
    const ownerPassword = randomBytes(12).toString('base64url');
    const owner = await createStaff(trx, clock, {
      email: DEMO_OWNER_EMAIL,
      name: 'Demo Owner',
      role: 'owner',
      password: ownerPassword,
    });
    const actor: Actor = { staffId: owner.id, tokenId: null, name: owner.name, role: owner.role };

    const sections = new Map<string, string>();
    for (const s of DEMO_SECTIONS) {
      const section = await createSection(trx, clock, actor, {
        name: s.name,
        slug: s.slug,
        description: s.description,
      });
      sections.set(s.slug, section.path);
      await recordDemoItems(trx, 'section', [section.id]);
    }
    for (const legal of DEMO_LEGAL) {
      await publishLegalVersion(trx, clock, actor, legal.kind, {
        title: legal.title,
        body: legal.body,
        summaryOfChanges: '',
        requiresAcceptance: true,
      });
    }
    const published = new Map<string, string>();
    for (const [index, a] of DEMO_ARTICLES.entries()) {
      const [author] = await findOrCreateGuestAuthors(trx, clock, [a.author]);
      const draft = await createArticle(trx, clock, actor, {
        headline: a.headline,
        dek: a.dek,
        dateline: a.dateline,
        section: sections.get(a.section) ?? null,
        tags: a.tags,
        access: a.access,
        authorIds: [author!.id],
        bodyMarkdown: a.markdown,
        leadImage: { mediaId: photoIds[index]! },
      });
      await recordDemoItems(trx, 'article', [draft.id]);
      await recordDemoItems(trx, 'author', [author!.id]);
      await recordDemoItems(
        trx,
        'tag',
        draft.tags.map((t) => t.id),
      );
      await runWorkflow(trx, clock, actor, draft.id, 'publish', { revision: draft.revision });
      published.set(a.headline, draft.id);
    }
    // The editors' picks, so the front page opens on the showcase story, as an editor would set it.
    await arrangeFrontPage(trx, clock, actor, {
      revision: (await getFrontPage(trx)).revision,
      articleIds: DEMO_FRONT_PAGE.flatMap((headline) => published.get(headline) ?? []),
    });
    return {
      ownerEmail: DEMO_OWNER_EMAIL,
      ownerPassword,
      articles: DEMO_ARTICLES.length,
      sections: DEMO_SECTIONS.length,
    };
  });
}

async function isEmpty(db: Db): Promise<boolean> {
  if (await holdsPaperContent(db)) return false;
  const settings = await readSettings(db);
  const defaults = defaultSettings();
  return Object.entries(defaults).every(([key, value]) => settings[key as keyof typeof settings] === value);
}
