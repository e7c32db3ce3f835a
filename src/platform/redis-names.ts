import { createHash } from 'node:crypto';

/**
 * A name in Redis that belongs to one paper: made from where its database is (the SQLite file or the
 * PostgreSQL address), which every process of the paper shares, so papers (and test databases) sharing
 * one Redis never read each other's channels or keys.
 */
export function paperRedisName(kind: string, databaseLocation: string): string {
  return `masthead:${kind}:${createHash('sha256').update(databaseLocation).digest('base64url').slice(0, 16)}`;
}
