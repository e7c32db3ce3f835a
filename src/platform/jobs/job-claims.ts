import { type Clock, isoTime } from '../clock.js';
import type { Db } from '../database/database.js';
import type { JobRow } from './job-queue.js';

/**
 * The heartbeat: pushes the claim on a running job `lockMs` past now. Only the claim that holds it
 * may (same attempt, still running). Returns false when the claim was lost: it lapsed and another
 * worker took the job over, or the job is no longer running.
 */
export async function extendClaim(db: Db, clock: Clock, job: JobRow, lockMs: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: isoTime(new Date(clock.now().getTime() + lockMs)) })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
