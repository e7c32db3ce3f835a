import type { Readable } from 'node:stream';

/** A stored object opened for reading: its bytes as a stream, and how many there are. */
export interface OpenedObject {
  readonly body: Readable;
  readonly size: number;
}

export interface PutOptions {
  readonly contentType: string;
  /** Sent by a bucket that serves the object itself (MEDIA_PUBLIC_URL pointing at it). */
  readonly cacheControl?: string;
}

/**
 * Where files live: a local folder by default, an S3-compatible bucket at scale. Keys are relative
 * paths of lower-case letters, digits, '.', '_', '-' and '/' (never '..'), so a key can never name
 * something outside the store.
 */
export interface Storage {
  /** Stores the whole object; a reader never sees half of it, and once this resolves it survives a crash. */
  put(key: string, body: Buffer, options: PutOptions): Promise<void>;
  /** The whole object, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** A stream of the object for serving, or null when there is none. */
  open(key: string): Promise<OpenedObject | null>;
  /** Removes the object; removing one that is not there is not an error (deletes are retried). */
  delete(key: string): Promise<void>;
  /** Where the objects are, for logs and messages; never a secret. */
  readonly location: string;
  /** Releases connections (S3); the local folder has none. */
  close(): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._/-]{0,511}$/;

/** Throws on a key that could escape the store or that an S3 bucket and a file system would read differently. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`"${key}" is not a storage key.`);
  }
  return key;
}
