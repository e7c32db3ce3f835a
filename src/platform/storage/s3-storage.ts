import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { checkKey, type OpenedObject, type PutOptions, type Storage } from './storage.js';

export interface S3Options {
  readonly bucket: string;
  readonly region: string;
  /** A non-AWS service (MinIO, R2, Ceph...), or a local test server; null for AWS itself. */
  readonly endpoint: string | null;
  /** Both null: the SDK's usual chain (environment, instance role) finds credentials. */
  readonly accessKeyId: string | null;
  readonly secretAccessKey: string | null;
}

type Sdk = typeof import('@aws-sdk/client-s3');
let sdk: Promise<Sdk> | undefined;
/**
 * The SDK is loaded when a bucket is first used, not when the process starts: it adds about 5 MB of
 * heap to every process, and a paper on the default local media folder never needs it (issue 15's
 * memory budget).
 */
const loadSdk = (): Promise<Sdk> => {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
};

/**
 * An S3-compatible bucket. A custom endpoint is addressed path-style (`endpoint/bucket/key`), which
 * every S3-compatible server accepts; AWS itself keeps virtual-hosted style.
 */
export function s3Storage(options: S3Options): Storage {
  let opened: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const open = () => {
    opened ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
        ...(options.accessKeyId && options.secretAccessKey
          ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
          : {}),
      }),
    }));
    return opened;
  };
  const Bucket = options.bucket;

  async function fetchObject(key: string) {
    const { sdk, client } = await open();
    try {
      return await client.send(new sdk.GetObjectCommand({ Bucket, Key: checkKey(key) }));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  return {
    location: `s3://${Bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}`,

    async put(key: string, body: Buffer, put: PutOptions): Promise<void> {
      const { sdk, client } = await open();
      // S3 makes an object visible only once the whole upload is stored: no torn reads.
      await client.send(
        new sdk.PutObjectCommand({
          Bucket,
          Key: checkKey(key),
          Body: body,
          ContentType: put.contentType,
          ContentLength: body.length,
          ...(put.cacheControl ? { CacheControl: put.cacheControl } : {}),
        }),
      );
    },

    async get(key: string): Promise<Buffer | null> {
      const object = await fetchObject(key);
      if (!object?.Body) return null;
      return Buffer.from(await object.Body.transformToByteArray());
    },

    async open(key: string): Promise<OpenedObject | null> {
      const object = await fetchObject(key);
      if (!object?.Body) return null;
      // In Node the SDK's body is the HTTP response stream itself.
      return { body: object.Body as Readable, size: object.ContentLength ?? 0 };
    },

    async delete(key: string): Promise<void> {
      const { sdk, client } = await open();
      // S3 answers a delete of a missing key with success too.
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
    },

    async close(): Promise<void> {
      if (opened) (await opened).client.destroy();
    },
  };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
