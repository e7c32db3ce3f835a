import { PUBLISH_JOB, publishScheduledArticle } from './capabilities/articles/index.js';
import { mediaJobs } from './capabilities/media/index.js';
import { readSettings } from './capabilities/settings/index.js';
import { webhookJobs } from './capabilities/webhooks/index.js';
import type { Deps } from './deps.js';
import type { Db } from './platform/database/database.js';
import { createJobWorker, type JobHandler, type JobLogger, type JobWorker } from './platform/jobs/index.js';
import { type MailPublication, mailJobs } from './platform/mail/index.js';

/** The map of the worker role: every job kind and the capability handler that runs it. */
export function jobHandlers(): Record<string, JobHandler> {
  return {
    [PUBLISH_JOB]: publishScheduledArticle,
    ...webhookJobs,
    ...mediaJobs,
    ...mailJobs(mailPublication),
  };
}

/**
 * The worker's lanes (ADR 0016): each runs its kinds one at a time with a claim loop of its own, so
 * a scheduled publish never waits behind photo variants, nor sign-up mail behind a slow webhook.
 */
export const JOB_LANES: Record<string, readonly string[]> = {
  publishing: [PUBLISH_JOB],
  mail: Object.keys(mailJobs(mailPublication)),
  media: Object.keys(mediaJobs),
  webhooks: Object.keys(webhookJobs),
};

/** Mail goes out under the publication's name and in its locale, as the settings say when it is sent. */
async function mailPublication(db: Db): Promise<MailPublication> {
  const settings = await readSettings(db);
  return { name: settings['publication.name'], locale: settings['publication.locale'] };
}

/** The in-process worker main.ts starts beside the web role; tests call runDue() on the same thing. */
export function buildWorker(deps: Deps, logger: JobLogger, pollMs?: number): JobWorker {
  return createJobWorker({
    database: deps.database,
    clock: deps.clock,
    config: deps.config,
    handlers: jobHandlers(),
    lanes: JOB_LANES,
    logger,
    ...(pollMs ? { pollMs } : {}),
  });
}
