import { Redis } from 'ioredis';
import { paperRedisName } from '../redis-names.js';

/** One purge as the log holds it: its row id (so each process applies it once) and its keys. */
export interface PurgeMessage {
  readonly id: string;
  readonly keys: readonly string[];
  /** When the purge was written (ISO), for the follower's memory of what it applied. */
  readonly at: string;
}

/**
 * How purges reach the other processes at once. The purge log in the database stays the truth and the
 * one-second poll the fallback (ADR 0008); a channel only makes a change reach every process sooner.
 */
export interface PurgeChannel {
  /**
   * Tells the other processes of purges this one found in the log. Resolves once the channel has handed
   * them to every process listening (or could not: a channel away drops them, the poll brings them);
   * never rejects, and waits at most a short bound. A writer that awaits it before answering knows every
   * other process will apply the purge before it reads a request sent after that answer.
   */
  announce(purges: readonly PurgeMessage[]): Promise<void>;
  /**
   * `onPurge` for each purge another process announces; `onConnected` each time the channel is
   * (re)connected, when announcements may have been missed and the log must be read again.
   */
  listen(onPurge: (purge: PurgeMessage) => void, onConnected: () => void): void;
  close(): Promise<void>;
}

export interface PurgeChannelLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * Purges over Redis pub/sub (issue 15): one channel per paper, named from its database so papers (and test
 * databases) sharing a Redis never purge each other's pages. A Redis that is away costs nothing but speed:
 * announcements are dropped (the poll still brings every purge within a second) and the subscriber
 * reconnects, reading the log again once it is back.
 */
export function createRedisPurgeChannel(options: {
  url: URL;
  /** Where the paper's database is (SQLite file or PostgreSQL address): what its processes share. */
  databaseLocation: string;
  logger: PurgeChannelLogger;
}): PurgeChannel {
  const channel = purgeChannelName(options.databaseLocation);
  const settings = {
    connectTimeout: 2_000,
    retryStrategy: (times: number) => Math.min(times * 250, 5_000),
  };
  // Publishing never queues behind a Redis that is away: a dropped announcement is caught by the poll.
  // Both connect on listen(): a process that never starts following (a test app, the CLI) opens nothing.
  const publisher = new Redis(options.url.href, {
    ...settings,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
  });
  // A connection in subscribe mode can do nothing else: a second one, resubscribed by ioredis on reconnect.
  const subscriber = new Redis(options.url.href, { ...settings, lazyConnect: true });
  let away = false;
  const wentAway = (error: unknown) => {
    if (away) return;
    away = true;
    options.logger.warn(
      { err: error instanceof Error ? error.message : String(error), redis: options.url.host },
      'purges: Redis does not answer; other processes get purges from the one-second poll until it does',
    );
  };
  // Without listeners ioredis prints every failed reconnection to the console.
  publisher.on('error', wentAway);
  subscriber.on('error', wentAway);

  return {
    async announce(purges) {
      if (publisher.status !== 'ready') return;
      // Redis sends PUBLISH's answer in the same pass that writes the message to every subscriber's
      // connection, so a request sent after the writer's answer reaches another process after the
      // message, which its event loop then reads first. A Redis that is late would otherwise leave that
      // process serving the old page (issue 15's process test saw it). commandTimeout bounds the wait.
      await Promise.all(
        purges.map((purge) => publisher.publish(channel, JSON.stringify(purge)).then(() => {}, wentAway)),
      );
    },
    listen(onPurge, onConnected) {
      subscriber.on('message', (from: string, text: string) => {
        if (from !== channel) return;
        const purge = parse(text);
        if (purge) onPurge(purge);
      });
      subscriber.on('ready', () => {
        if (away) options.logger.info({ redis: options.url.host }, 'purges: Redis answers again');
        away = false;
        onConnected();
      });
      subscriber.subscribe(channel).catch(wentAway);
      publisher.connect().catch(wentAway);
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

/** The paper's channel: named from its database, so papers sharing a Redis never purge each other's pages. */
export function purgeChannelName(databaseLocation: string): string {
  return paperRedisName('purges', databaseLocation);
}

function parse(text: string): PurgeMessage | null {
  try {
    const value = JSON.parse(text) as Partial<PurgeMessage>;
    if (typeof value.id !== 'string' || typeof value.at !== 'string' || !Array.isArray(value.keys))
      return null;
    if (!value.keys.every((key) => typeof key === 'string')) return null;
    return { id: value.id, at: value.at, keys: value.keys };
  } catch {
    return null;
  }
}
