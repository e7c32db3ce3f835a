import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratedTemplates } from './database-templates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the database tests also run on; null when there is none. */
    postgresUrl: string | null;
    /** The migrated databases each test's database is copied from (database-templates.ts). */
    templates: { sqliteFile: string; postgres: { name: string; prefix: string } | null };
  }
}

const LOCAL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Decides once whether the PostgreSQL half of the dialect loop runs: TEST_DATABASE_URL, or a local
 * server that answers. Under CI the PostgreSQL tests must run, so its absence fails the run. Then
 * migrates, once for the run, the databases every test's own database is a copy of.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL || LOCAL;
  const reachable = await answers(url);
  if (!reachable && process.env.CI) {
    throw new Error(`CI needs PostgreSQL for the database tests, and ${url} does not answer. See .ci/run.`);
  }
  if (!reachable) {
    process.stderr.write(
      `\n[masthead] PostgreSQL tests skipped: nothing answers at ${url}. ` +
        'Install and start PostgreSQL (apt-get install -y postgresql) or set TEST_DATABASE_URL.\n\n',
    );
  } else {
    process.stderr.write(
      `\n[masthead] database tests run on sqlite and postgres (${new URL(url).host}).\n\n`,
    );
  }
  project.provide('postgresUrl', reachable ? url : null);
  const templates = await migratedTemplates(reachable ? url : null);
  project.provide('templates', { sqliteFile: templates.sqliteFile, postgres: templates.postgres });
  return templates.remove;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
