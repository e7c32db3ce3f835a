import {
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  PostgresAdapter,
  sql,
} from 'kysely';
import { migrations } from '../../../migrations/index.js';
import type { Db } from './database.js';

/** The migration list is compiled in, so a build can never run with migrations it does not ship. */
const provider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  },
};

/**
 * On PostgreSQL the migration tables live in the current schema, named explicitly: Kysely otherwise
 * finds another schema's migration table on the search path and skips creating its own.
 */
async function migratorFor(db: Db): Promise<Migrator> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return new Migrator({ db, provider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider, migrationTableSchema: rows[0]?.schema ?? 'public' });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration, each in its own transaction; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const result = await migrateOnce(db);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationError(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(result.error as Error).message ?? result.error}`,
      result.error,
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Kysely's migrator lists the tables of every schema in the database before it migrates. When another
 * schema is dropped during that listing (other tenants or test runs sharing the database), PostgreSQL
 * answers 3F000 for a schema that is not ours; the listing is simply taken again.
 */
async function migrateOnce(db: Db): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt++) {
    const result = await (await migratorFor(db)).migrateToLatest();
    const code = (result.error as { code?: string } | undefined)?.code;
    if (code !== '3F000' || attempt >= 5) return result;
  }
}

/** Names of migrations this build ships that the database has not applied yet. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await listingRetried(async () => (await migratorFor(db)).getMigrations());
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** getMigrations lists every schema's tables too: the same 3F000 race as migrateOnce, the same answer. */
async function listingRetried<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '3F000' || attempt >= 5) throw error;
    }
  }
}
