import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { createArticle, runWorkflow } from '../articles/index.js';
import { findOrCreateGuestAuthors } from '../authors/index.js';
import { createSection } from '../sections/index.js';
import { updateSetting } from '../settings/index.js';
import { type Actor, countStaff, createStaff } from '../staff/index.js';
import { DEMO_ARTICLES, DEMO_SECTIONS } from './demo-articles.js';

export interface DemoEdition {
  ownerEmail: string;
  /** Shown once at the first start, never stored in clear. */
  ownerPassword: string;
  articles: number;
}

export const DEMO_OWNER_EMAIL = 'owner@example.com';

/**
 * On an empty database (no staff at all), sets up a sample publication, its owner, two sections and
 * a few published articles, so a first start shows a working paper. One transaction: a crash halfway
 * leaves an empty database, and the next start seeds again. Returns null when there is a newsroom.
 */
export async function seedDemoEdition(db: Db, clock: Clock): Promise<DemoEdition | null> {
  if ((await countStaff(db)) > 0) return null;
  return db.transaction().execute(async (trx) => {
    const settings: Record<string, string> = {
      'publication.name': 'The Morning Ledger',
      'publication.description': 'A sample edition of a daily newspaper, published with Masthead.',
      'publication.copyright_holder': 'The Morning Ledger Company, LLC',
      'publication.footer_notice':
        'The material on this site may not be reproduced, distributed, transmitted, cached or otherwise used, ' +
        'except with the prior written permission of The Morning Ledger Company, LLC.',
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
    }
    for (const a of DEMO_ARTICLES) {
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
      });
      await runWorkflow(trx, clock, actor, draft.id, 'publish', { revision: draft.revision });
    }
    return { ownerEmail: DEMO_OWNER_EMAIL, ownerPassword, articles: DEMO_ARTICLES.length };
  });
}
