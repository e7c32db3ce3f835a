import { PUBLISH_JOB, publishScheduledArticle } from './capabilities/articles/index.js';
import { mediaJobs } from './capabilities/media/index.js';
import { SEARCH_TIDY_EVERY_MS, SEARCH_TIDY_JOB, tidySearchIndex } from './capabilities/search/index.js';
import { readSettings } from './capabilities/settings/index.js';
import { webhookJobs } from './capabilities/webhooks/index.js';
import type { Deps } from './deps.js';
import type { Db } from './platform/database/database.js';
import {
  createJobWorker,
  enqueueJob,
  type JobHandler,
  type JobLogger,
  type JobWorker,
} from './platform/jobs/index.js';
import { type MailPublication, mailJobs } from './platform/mail/index.js';

/** The map of the worker role: every job kind and the capability handler that runs it. */
export function jobHandlers(): Record<string, JobHandler> {
  return {
    [PUBLISH_JOB]: publishScheduledArticle,
    ...webhookJobs,
    ...mediaJobs,
    ...mailJobs(mailPublication),
    [SEARCH_TIDY_JOB]: tidySearch,
  };
}

/** SQLite's search index merged towards one segment (search-index-upkeep.ts); PostgreSQL needs none. */
const tidySearch: JobHandler = async (_payload, ctx) => {
  if (ctx.config.database.dialect === 'sqlite') await tidySearchIndex(ctx.db);
};

/**
 * The worker's lanes (ADR 0016): each runs its kinds one at a time with a claim loop of its own, so
 * a scheduled publish never waits behind photo variants, nor sign-up mail behind a slow webhook.
 */
export const JOB_LANES: Record<string, readonly string[]> = {
  publishing: [PUBLISH_JOB],
  mail: Object.keys(mailJobs(mailPublication)),
  media: Object.keys(mediaJobs),
  webhooks: Object.keys(webhookJobs),
  upkeep: [SEARCH_TIDY_JOB],
};

/** Mail goes out under the publication's name and in its locale, as the settings say when it is sent. */
async function mailPublication(db: Db): Promise<MailPublication> {
  const settings = await readSettings(db);
  return { name: settings['publication.name'], locale: settings['publication.locale'] };
}

/**
 * The job worker: run beside the web role by `npm start`, alone by `masthead worker`; tests call runDue() on
 * the same thing. After each job, the purges it queued are applied here and, with Redis, announced at once.
 */
export function buildWorker(deps: Deps, logger: JobLogger, pollMs?: number): JobWorker {
  const worker = createJobWorker({
    database: deps.database,
    clock: deps.clock,
    config: deps.config,
    handlers: jobHandlers(),
    lanes: JOB_LANES,
    logger,
    afterJob: () => deps.purges.sync(),
    ...(pollMs ? { pollMs } : {}),
  });
  if (deps.database.dialect !== 'sqlite') return worker;
  // Upkeep asked for at start and every hour; one queued at a time (its unique key), so several
  // starts or a slow tidy never stack them.
  let timer: NodeJS.Timeout | undefined;
  const askForTidy = () =>
    enqueueJob(deps.database.db, deps.clock, {
      kind: SEARCH_TIDY_JOB,
      payload: {},
      uniqueKey: SEARCH_TIDY_JOB,
    }).catch((error: unknown) => logger.warn({ err: error }, 'could not queue the search index upkeep'));
  return {
    ...worker,
    start() {
      worker.start();
      void askForTidy();
      timer = setInterval(askForTidy, SEARCH_TIDY_EVERY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await worker.stop();
    },
  };
}
