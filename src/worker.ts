import { PUBLISH_JOB, publishScheduledArticle } from './capabilities/articles/index.js';
import { mediaJobs } from './capabilities/media/index.js';
import { webhookJobs } from './capabilities/webhooks/index.js';
import type { Deps } from './deps.js';
import { createJobWorker, type JobHandler, type JobLogger, type JobWorker } from './platform/jobs/index.js';
import { mailJobs } from './platform/mail/index.js';

/** The map of the worker role: every job kind and the capability handler that runs it. */
export function jobHandlers(): Record<string, JobHandler> {
  return {
    [PUBLISH_JOB]: publishScheduledArticle,
    ...webhookJobs,
    ...mediaJobs,
    ...mailJobs,
  };
}

/**
 * The worker's lanes (ADR 0016): each runs its kinds one at a time with a claim loop of its own, so
 * a scheduled publish never waits behind photo variants, nor sign-up mail behind a slow webhook.
 */
export const JOB_LANES: Record<string, readonly string[]> = {
  publishing: [PUBLISH_JOB],
  mail: Object.keys(mailJobs),
  media: Object.keys(mediaJobs),
  webhooks: Object.keys(webhookJobs),
};

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
