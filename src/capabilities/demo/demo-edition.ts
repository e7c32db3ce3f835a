import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { updateSetting } from '../settings/index.js';
import { countStaff, createStaff } from '../staff/index.js';

export interface DemoEdition {
  ownerEmail: string;
  /** Shown once at the first start, never stored in clear. */
  ownerPassword: string;
}

export const DEMO_OWNER_EMAIL = 'owner@example.com';

/**
 * On an empty database (no staff at all), sets up a sample publication and its owner so a first
 * start shows a working paper. Returns null when the database already has a newsroom.
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
    await createStaff(trx, clock, {
      email: DEMO_OWNER_EMAIL,
      name: 'Demo Owner',
      role: 'owner',
      password: ownerPassword,
    });
    return { ownerEmail: DEMO_OWNER_EMAIL, ownerPassword };
  });
}
