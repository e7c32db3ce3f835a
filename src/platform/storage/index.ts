import { localStorage } from './local-storage.js';
import { type S3Options, s3Storage } from './s3-storage.js';
import type { Storage } from './storage.js';

export { localStorage } from './local-storage.js';
export { type S3Options, s3Storage } from './s3-storage.js';
export { checkKey, type OpenedObject, type PutOptions, type Storage } from './storage.js';

/** Which store to open: the local folder (the default) or a bucket. */
export type StorageOptions = { kind: 'local'; root: string } | ({ kind: 's3' } & S3Options);

/** Opens the configured store; one per role, closed when the role stops. */
export function createStorage(options: StorageOptions): Storage {
  return options.kind === 'local' ? localStorage(options.root) : s3Storage(options);
}
