import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Db } from './database.js';

/**
 * A LIKE pattern that finds `text` anywhere in a value: `%` and `_` typed by a person are matched as
 * themselves (escaped with a backslash; pair the pattern with `escape '\'`, which both dialects read the same).
 */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` holds `text` anywhere, ignoring case: the one dialect-specific text match. SQLite's LIKE already
 * ignores the case of A-Z (and only those: so would lower()), so it runs bare; PostgreSQL's ILIKE folds every
 * letter. Neither wraps the column in lower(), which at 10,000 article bodies cost a third of the scan.
 */
export function containsText(db: Db, column: string, text: string): RawBuilder<boolean> {
  const operator = db.getExecutor().adapter instanceof PostgresAdapter ? sql`ilike` : sql`like`;
  return sql<boolean>`${sql.ref(column)} ${operator} ${containsPattern(text)} escape '\\'`;
}
