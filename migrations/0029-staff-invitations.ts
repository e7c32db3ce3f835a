import type { Kysely } from 'kysely';

/**
 * Issue 16, the Staff screen.
 *
 * - `staff_invitations`: an admin invites someone by mail; the link's secret is kept only as its
 *   SHA-256 (`token_hash`), it works once until `expires_at`. No staff account exists until the
 *   invitee joins (`staff_id` is then set), so the staff list never holds half-made accounts. The
 *   inviter's name is copied, like the audit trail's, so the list still says who invited after that
 *   account is gone; `invited_by` is not a foreign key for the same reason.
 * - `staff.last_signed_in_at`: sessions are deleted at sign-out and expiry, so the last sign-in is
 *   kept on the account for the staff list.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text')
    .addColumn('invited_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('staff_id', 'text')
    .execute();
  await db.schema.createIndex('staff_invitations_email').on('staff_invitations').column('email').execute();
  await db.schema.alterTable('staff').addColumn('last_signed_in_at', 'text').execute();
  // The activity of one staff member walks (staff_id, id), as the action filter walks (action, id).
  await db.schema.createIndex('audit_events_staff').on('audit_events').columns(['staff_id', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_staff').execute();
  await db.schema.alterTable('staff').dropColumn('last_signed_in_at').execute();
  await db.schema.dropTable('staff_invitations').execute();
}
