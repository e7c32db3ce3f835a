import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { notFound } from '../../platform/http/errors.js';
import { IMMUTABLE, PUBLIC_NAME, publicKey } from './media-records.js';
import { openMediaStorage } from './media-settings.js';

const TYPES: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg' };

/**
 * GET /media/<hash>-<width>.<ext>: the public image files, for readers, without authentication.
 * Only names of the public pattern are served, and only from the public/ part of the store, so an
 * original (which keeps the camera's GPS position) can never be fetched. The address changes when
 * the bytes do, so the files are cached for a year and never revalidated.
 */
export const mediaFiles: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const storage = openMediaStorage(deps.config);
  app.addHook('onClose', async () => storage.close());

  app.get(
    '/media/:name',
    {
      schema: {
        hide: true,
        params: Type.Object({ name: Type.String({ maxLength: 64 }) }),
        response: {
          200: Type.Unsafe<Readable>({ description: 'The image file.' }),
          304: Type.Null(),
        },
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!PUBLIC_NAME.test(name)) throw notFound('The image');
      const etag = `"${name}"`;
      if (request.headers['if-none-match'] === etag) {
        return reply.code(304).header('etag', etag).header('cache-control', IMMUTABLE).send(null);
      }
      const file = await storage.open(publicKey(name));
      if (!file) throw notFound('The image');
      return reply
        .header('content-type', TYPES[name.slice(name.lastIndexOf('.') + 1)]!)
        .header('content-length', file.size)
        .header('cache-control', IMMUTABLE)
        .header('etag', etag)
        .send(file.body);
    },
  );
};
