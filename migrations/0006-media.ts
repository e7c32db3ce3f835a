import type { Kysely } from 'kysely';

// Placeholder: filled in by the work that owns these tables.
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(_db: Kysely<any>): Promise<void> {}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(_db: Kysely<any>): Promise<void> {}
