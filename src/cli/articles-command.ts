import { parseArgs } from 'node:util';
import { deleteArticle, getArticle } from '../capabilities/articles/index.js';
import { systemClock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database/database.js';
import { inTransaction } from '../platform/database/transaction.js';
import { commandLineActor } from './cli-actor.js';

export const ARTICLES_USAGE = 'Usage: masthead articles delete ID [--revision N]';

/**
 * `masthead articles delete ID [--revision N]`: the Admin API's delete from the shell, with the same
 * refusals (unpublish first, unschedule first, a stale revision). Without --revision the operator
 * deletes the article as it is now. Returns the lines to print; throws the service's AppError.
 */
export async function articlesCommand(
  database: DatabaseHandle,
  args: { id: string; revision: number | undefined },
): Promise<string[]> {
  const revision = args.revision ?? (await getArticle(database.db, args.id)).revision;
  const deleted = await inTransaction(database.db, (trx) =>
    deleteArticle(trx, systemClock, commandLineActor(), args.id, revision),
  );
  return [
    `Deleted "${deleted.headline}" (${deleted.id}).`,
    ...deleted.addresses.map((a) => `  ${a} now answers 410 Gone.`),
  ];
}

/** The command's arguments, or a message for a usage error. */
export function parseArticlesArgs(
  args: string[],
): { ok: true; id: string; revision: number | undefined } | { ok: false; message: string } {
  const [action, ...rest] = args;
  if (action !== 'delete') return { ok: false, message: ARTICLES_USAGE };
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { revision: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [id, ...extra] = positionals;
    if (!id || extra.length) return { ok: false, message: ARTICLES_USAGE };
    if (values.revision !== undefined && !/^[1-9]\d{0,9}$/.test(values.revision)) {
      return { ok: false, message: `--revision must be a revision number, not "${values.revision}".` };
    }
    return { ok: true, id, revision: values.revision === undefined ? undefined : Number(values.revision) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
