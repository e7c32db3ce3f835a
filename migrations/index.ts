import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.js';

/**
 * Every migration, in order. One file each, dialect-neutral (Kysely's schema builder); a migration
 * that must differ by dialect checks `db.getExecutor().adapter` and says why. Never edit a shipped one.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
};
