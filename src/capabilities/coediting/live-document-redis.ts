import type { onStoreDocumentPayload } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { paperRedisName } from '../../platform/redis-names.js';

/** How long one process may hold a document's store lock; a process that dies holding it frees it then. */
const LOCK_MS = 15_000;
/** How often, and how many times, a store waits for another process's store of the same document. */
const LOCK_WAIT_MS = 100;
const LOCK_TRIES = 150;
/** How long the first live connection waits for Redis before going on without it. */
const READY_MS = 5000;

/**
 * Hocuspocus's Redis extension (ADR 0033), loaded only when REDIS_URL is set: every process holding a
 * document subscribes to its channel, and updates, awareness and notices go to the others through Redis.
 * Its lock makes one process store a document at a time. The extension gives up a store whose lock is
 * taken; here it waits for it instead, so typing that reached only this process still becomes a revision
 * (each store reads the row first, so a text another process already saved is not saved again).
 */
export async function redisExtension(options: {
  url: URL;
  prefix?: string;
  databaseLocation: string;
  log: FastifyBaseLogger;
}) {
  const { Redis } = await import('@hocuspocus/extension-redis');

  class WaitingRedis extends Redis {
    override async onStoreDocument(payload: onStoreDocumentPayload): Promise<void> {
      for (let tries = 1; ; tries++) {
        try {
          return await super.onStoreDocument(payload);
        } catch (error) {
          // The extension's own "another instance holds the lock": an Error with no message.
          if (!(error instanceof Error) || error.message !== '' || tries >= LOCK_TRIES) throw error;
          await new Promise((resolve) => setTimeout(resolve, LOCK_WAIT_MS));
        }
      }
    }
  }

  const { url, log } = options;
  const extension = new WaitingRedis({
    host: url.hostname,
    port: Number(url.port || 6379),
    options: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    prefix: options.prefix ?? paperRedisName('live', options.databaseLocation),
    lockTimeout: LOCK_MS,
  });
  let away = false;
  for (const connection of [extension.pub, extension.sub]) {
    // Without a listener ioredis prints every failed reconnection to the console.
    connection.on('error', (error: Error) => {
      if (!away) log.warn({ err: error.message, redis: url.host }, 'live documents: Redis does not answer');
      away = true;
    });
    connection.on('ready', () => {
      if (away) log.info({ redis: url.host }, 'live documents: Redis answers again');
      away = false;
    });
  }
  // A subscription asked for before the connection is ready races ioredis's ready check ("Connection in
  // subscriber mode") and is lost until it reconnects: start only once both connections are up.
  await Promise.all([extension.pub, extension.sub].map((c) => ready(c, READY_MS)));
  return extension;
}

/** Resolves when the connection is ready, or after `ms` (a Redis that is away is retried by ioredis). */
function ready(
  connection: { status: string; once(event: 'ready', listener: () => void): unknown },
  ms: number,
) {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    connection.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
