import type { Db } from '../../platform/database/database.js';
import { prepared } from '../../platform/database/prepared-statements.js';

export async function findStoredSettings(db: Db): Promise<{ key: string; value: string }[]> {
  // Read for every page rendered: prepared on PostgreSQL (ADR 0039).
  return prepared(db.selectFrom('settings').select(['key', 'value'])).execute();
}

export async function upsertSetting(
  db: Db,
  row: { key: string; value: string; updated_at: string; updated_by: string | null },
): Promise<void> {
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}
