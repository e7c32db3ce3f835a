import { removeDemoEdition } from '../capabilities/demo/index.js';
import { openMediaStorage } from '../capabilities/media/index.js';
import type { Config } from '../config.js';
import { systemClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/database.js';
import { commandLineActor } from './cli-actor.js';

export const DEMO_USAGE = 'Usage: masthead demo remove';

/** `masthead demo remove`: removes the demo edition and says what went and what stayed. */
export async function demoRemoveCommand(database: DatabaseHandle, config: Config): Promise<string[]> {
  const storage = openMediaStorage(config);
  try {
    const removal = await removeDemoEdition(
      { db: database.db, clock: systemClock, storage },
      commandLineActor(),
    );
    if (!removal) return ['There is no demo edition to remove.'];
    const list = (what: string, names: string[]) =>
      names.length ? [`  ${names.length} ${what}: ${names.join(', ')}`] : [];
    return [
      'Removed the demo edition:',
      ...list(
        'articles',
        removal.articles.map((h) => `"${h}"`),
      ),
      ...(removal.photos ? [`  ${removal.photos} photos`] : []),
      ...list('sections', removal.sections),
      ...list('tags', removal.tags),
      ...list('authors', removal.authors),
      ...(removal.kept.length
        ? ['Kept, because your own content uses them:', ...removal.kept.map((k) => `  ${k}`)]
        : []),
      'The owner account, the legal documents (Terms, Privacy Policy) and the settings stay: change them with',
      '"masthead settings set" and the Admin API.',
    ];
  } finally {
    await storage.close();
  }
}
