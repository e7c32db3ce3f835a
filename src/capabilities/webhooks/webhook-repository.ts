import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/database/database.js';
import type { CursorPosition } from '../../platform/http/cursor.js';
import type { WebhookDeliveryTable, WebhookTable } from './webhook-table.js';

export type WebhookRow = Selectable<WebhookTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

export async function insertWebhook(db: Db, row: Insertable<WebhookTable>): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function findWebhookRow(db: Db, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; removed ones too, so their delivery logs stay reachable. */
export async function listWebhookRows(db: Db): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function listActiveWebhookRows(db: Db): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().where('disabled_at', 'is', null).execute();
}

/** Sets disabled_at once; a second removal keeps the first time. */
export async function markWebhookDisabled(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ disabled_at: at })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .execute();
}

export async function insertDelivery(db: Db, row: Insertable<WebhookDeliveryTable>): Promise<void> {
  await db.insertInto('webhook_deliveries').values(row).execute();
}

/** A delivery with what sending it needs from its webhook. */
export async function findDeliveryToSend(
  db: Db,
  id: string,
): Promise<(DeliveryRow & Pick<WebhookRow, 'url' | 'secret' | 'disabled_at'>) | undefined> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .selectAll('d')
    .select(['w.url', 'w.secret', 'w.disabled_at'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function updateDelivery(
  db: Db,
  id: string,
  change: Updateable<WebhookDeliveryTable>,
): Promise<void> {
  await db.updateTable('webhook_deliveries').set(change).where('id', '=', id).execute();
}

/** Keyset page, newest first: rows strictly older than `after` (created_at, id). */
export async function listDeliveryRows(
  db: Db,
  webhookId: string,
  page: { after?: CursorPosition; limit: number },
): Promise<DeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.at),
        eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

export async function findDeliveryRow(
  db: Db,
  webhookId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
}
