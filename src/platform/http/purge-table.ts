import type { ColumnType } from 'kysely';

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
    /** When a process took on sending it to the edges (EDGE_PURGE_URLS); null until then. */
    edge_claimed_at: ColumnType<string | null, string | null | undefined, string | null>;
  };
}
