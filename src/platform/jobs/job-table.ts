/**
 * The durable job queue: one table on SQLite and PostgreSQL (ADR 0005). Times are ISO 8601 UTC text
 * (ADR 0002), so `run_at <= now` and `locked_until < now` compare as text.
 */
export interface JobTable {
  id: string;
  /** Names the handler, such as 'webhook.deliver'. */
  kind: string;
  /** JSON object handed to the handler. */
  payload: string;
  /** Not before this time; moved forward by each retry's backoff. */
  run_at: string;
  /** 'queued' | 'running' | 'done' | 'failed' */
  status: string;
  /** Attempts started so far, including the one running. */
  attempts: number;
  max_attempts: number;
  /** While running: when the claim lapses and another worker may take the job over. */
  locked_until: string | null;
  last_error: string | null;
  /** At most one queued or running job per key (a partial unique index); finished jobs keep theirs. */
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobTables {
  jobs: JobTable;
}
