import { type PostgresCursor, type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import type pg from 'pg';

/**
 * What a query's SQL ends with when it asks to be a prepared statement on PostgreSQL (ADR 0039). A
 * comment, so SQLite, which keeps its own statements (sqlite-dialect.ts), reads the same text.
 */
const MARK = '/* prepared */';

/**
 * Marks a query to be prepared once per PostgreSQL connection and run again without being planned again:
 * PostgreSQL spends more time parsing and planning a reader page's small lookups than running them
 * (the article row 0.40 ms unnamed, 0.23 ms prepared). Only for queries whose best plan is the same for
 * every value (a lookup by id or slug): a prepared statement's plan is made once for all values, which
 * would be wrong for a search term or a status.
 */
export function prepared<Q extends { modifyEnd(modifier: ReturnType<typeof sql.raw>): Q }>(query: Q): Q {
  return query.modifyEnd(sql.raw(MARK));
}

/** Statements one connection keeps at most: a query with a list of ids has a text for each length. */
const MAX_PER_CONNECTION = 200;

/**
 * Errors of a statement prepared earlier that no longer stands: a migration changed a table under it
 * (0A000, "cached plan must not change result type"), or a pooler in front handed over another server
 * connection (26000, it does not exist there; 42P05, another client's of that name does).
 */
const STALE = new Set(['0A000', '26000', '42P05']);

/** Names are never reused, so node-postgres never sees one name for two texts. */
let named = 0;

/**
 * The pool Kysely is given: node-postgres's, with each client sending the marked queries as named
 * statements. A statement found stale is forgotten by that client and, outside a transaction, the
 * query is sent again unprepared; inside one, PostgreSQL has already failed the transaction, so the
 * error goes to the caller as any other would.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let preparing = clients.get(client);
      if (!preparing) {
        preparing = preparingClient(client);
        clients.set(client, preparing);
      }
      return preparing;
    },
    end: () => pool.end(),
  };
}

function preparingClient(client: pg.PoolClient): PostgresPoolClient {
  let names = new Map<string, string>();
  let inTransaction = false;

  async function run(text: string, values: readonly unknown[]) {
    if (/^(begin|start transaction)\b/i.test(text)) inTransaction = true;
    else if (/^(commit|rollback)$/i.test(text)) inTransaction = false;
    if (!text.endsWith(MARK)) return client.query(text, [...values]);
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PER_CONNECTION) {
      named += 1;
      name = `masthead_${named}`;
      names.set(text, name);
    }
    if (name === undefined) return client.query(text, [...values]);
    try {
      return await client.query({ name, text, values: [...values] });
    } catch (error) {
      if (!STALE.has((error as { code?: string }).code ?? '')) throw error;
      names = new Map();
      if (inTransaction) throw error;
      return client.query(text, [...values]);
    }
  }

  // One function for both of Kysely's overloads: a streamed query (a cursor) goes through as it is.
  const preparing = {
    query(textOrCursor: string | PostgresCursor<unknown>, values?: readonly unknown[]) {
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
      return run(textOrCursor, values ?? []);
    },
    release: (destroy?: boolean) => client.release(destroy),
  };
  return preparing as unknown as PostgresPoolClient;
}
