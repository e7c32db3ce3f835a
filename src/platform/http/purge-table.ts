/**
 * A log of page-cache purges, written in the same transaction as the change that needs them, so
 * every process (web, worker, the CLI) learns of every change after it commits (ADR 0008).
 */
export interface PurgeTables {
  cache_purges: {
    id: string;
    /** JSON array of surrogate keys. */
    keys: string;
    created_at: string;
  };
}
