import { sql } from 'kysely';
import type { Db } from '../database/database.js';

/** The job kind that sends one message. */
export const MAIL_JOB = 'mail.send';

/**
 * What stays of a mail job once it is over: enough to see what happened, none of the message.
 * The body holds sign-in links and codes, live secrets until they expire, and the address is a
 * reader's personal data; the jobs table keeps finished rows, so they are blanked here.
 */
export interface MailOutcome {
  outcome: 'sent' | 'refused' | 'abandoned';
  purpose: string;
  /** Masked: "r***@example.com". */
  to: string;
  messageId: string;
  /** Why it was refused or abandoned. */
  detail?: string;
}

/**
 * Replaces a running mail job's payload by its outcome. The handler does this itself because the
 * job queue has no hook to clear a payload when a job ends (see README). A refusal is thrown as a
 * permanent error afterwards, so the queue fails the job at once.
 */
export async function recordMailOutcome(db: Db, jobId: string, outcome: MailOutcome): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ payload: JSON.stringify(outcome) })
    .where('id', '=', jobId)
    .where('kind', '=', MAIL_JOB)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Drops the mail still waiting to go to `address` (an account being erased must not be written to
 * afterwards, and its queued messages hold the address). A message already being sent goes.
 */
export async function dropQueuedMailTo(db: Db, address: string): Promise<number> {
  const pattern = `%"to":${JSON.stringify(address).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await db
    .deleteFrom('jobs')
    .where('kind', '=', MAIL_JOB)
    .where('status', '=', 'queued')
    .where(sql<boolean>`payload like ${pattern} escape '\\'`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
