import type { Kysely } from 'kysely';

/**
 * Issue 15, a real edge cache in front. Every purge is also sent to the edges (EDGE_PURGE_URLS), once per
 * edge however many processes follow the log: the first process to find a purge row claims it by setting
 * `edge_claimed_at` (an update that only one process's can change), and only that process sends it (ADR 0022).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cache_purges').addColumn('edge_claimed_at', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cache_purges').dropColumn('edge_claimed_at').execute();
}
