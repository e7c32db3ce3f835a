import path from 'node:path';
import type { Config } from '../../config.js';
import {
  createStorage,
  type S3Options,
  type Storage,
  type StorageOptions,
} from '../../platform/storage/index.js';

/**
 * The operator's media settings, as Config carries them once the MEDIA_* variables are read there
 * (see this folder's README). Until then every field is absent and media uses the local folder.
 */
export interface MediaConfigFields {
  /** null: files live under `<MASTHEAD_DATA>/media`. */
  readonly mediaS3: {
    readonly bucket: string;
    readonly region: string;
    readonly endpoint: URL | null;
    readonly accessKeyId: string | null;
    readonly secretAccessKey: string | null;
  } | null;
  /** Where readers fetch public media files (a CDN, or the bucket's public/ prefix); null: /media on this site. */
  readonly mediaPublicUrl: URL | null;
}

export interface MediaSettings {
  readonly storage: StorageOptions;
  /** Prefix of every public file URL, without a trailing slash: "/media" or MEDIA_PUBLIC_URL. */
  readonly publicBase: string;
}

export const LOCAL_PUBLIC_BASE = '/media';

/** Reads the media settings from the role's Config. */
export function mediaSettingsOf(config: Config): MediaSettings {
  const media = config as Config & Partial<MediaConfigFields>;
  const s3 = media.mediaS3 ?? null;
  const storage: StorageOptions = s3
    ? ({
        kind: 's3',
        bucket: s3.bucket,
        region: s3.region,
        endpoint: s3.endpoint ? s3.endpoint.href.replace(/\/$/, '') : null,
        accessKeyId: s3.accessKeyId,
        secretAccessKey: s3.secretAccessKey,
      } satisfies { kind: 's3' } & S3Options)
    : { kind: 'local', root: path.join(config.dataDir, 'media') };
  const publicBase = media.mediaPublicUrl ? media.mediaPublicUrl.href.replace(/\/+$/, '') : LOCAL_PUBLIC_BASE;
  return { storage, publicBase };
}

/** Opens the media store the config names; the caller closes it. */
export function openMediaStorage(config: Config): Storage {
  return createStorage(mediaSettingsOf(config).storage);
}
