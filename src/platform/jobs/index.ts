export {
  backoffMs,
  cancelJobs,
  DEFAULT_MAX_ATTEMPTS,
  enqueueJob,
  findJob,
  type JobRow,
  type JobStatus,
  type NewJob,
} from './job-queue.js';
export type { JobTables } from './job-table.js';
export {
  createJobWorker,
  type JobContext,
  type JobHandler,
  type JobLogger,
  type JobWorker,
  type JobWorkerOptions,
} from './job-worker.js';
