import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { AppError } from '../../platform/http/errors.js';
import { requireActor } from '../staff/index.js';
import { MEDIA_MAX_BYTES } from './media.js';
import { mediaBodyUnsupported, mediaFormBroken, mediaTooLarge } from './media-errors.js';
import { presentMedia, presentMediaSummary } from './media-presenter.js';
import type { PhotoArticleRights } from './media-rights.js';
import {
  MediaChangesBody,
  MediaJson,
  MediaListJson,
  MediaListQuery,
  MediaParams,
  UploadBody,
  UploadHeaders,
} from './media-schemas.js';
import {
  deleteMedia,
  getMedia,
  listMedia,
  retryVariants,
  updateMedia,
  uploadMedia,
} from './media-service.js';
import { mediaSettingsOf, openMediaStorage } from './media-settings.js';
import { mediaUsage } from './media-usage.js';

const tags = ['media'];
const UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'application/octet-stream',
  'multipart/form-data',
];

/**
 * /media: the photo desk's library. Any staff member uploads; a photo is changed or deleted by whoever
 * may edit every article it runs in (an unused one: its uploader, or editors and above), and its
 * "used in" list names only articles the caller may read (ADR 0014). Uploads are the raw file as the request body (`content-type: image/*` or
 * application/octet-stream, optional `x-filename`), read here up to the size limit.
 */
export const mediaApi: FastifyPluginAsyncTypebox<{ deps: Deps; photoRights: PhotoArticleRights }> = async (
  app,
  { deps, photoRights },
) => {
  const { clock } = deps;
  const db = deps.database.db;
  const storage = openMediaStorage(deps.config);
  const { publicBase } = mediaSettingsOf(deps.config);
  app.addHook('onClose', async () => storage.close());

  // A browser form (multipart/form-data with one file field), as the admin app and curl -F send it.
  await app.register(multipart, { limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 5 } });
  // Scoped to this plugin: only the upload route takes a body of these types.
  app.addContentTypeParser(/^image\/[a-z0-9.+-]+$/i, readUpload);
  app.addContentTypeParser('application/octet-stream', readUpload);
  // Anything else (JSON, text) gets a 415 that says what to send instead.
  app.addContentTypeParser('*', async () => {
    throw mediaBodyUnsupported();
  });

  app.post(
    '/media',
    {
      schema: {
        tags,
        summary: 'Upload a photo: JPEG, PNG, WebP, AVIF or GIF, decided from its content',
        consumes: UPLOAD_TYPES,
        headers: UploadHeaders,
        body: UploadBody,
        response: { 201: MediaJson },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const upload = request.isMultipart() ? await readMultipartFile(request) : rawUpload(request);
      const media = await uploadMedia({ db, clock, storage }, actor, upload, { publicBase });
      return reply.code(201).send(presentMedia(media, []));
    },
  );

  app.get(
    '/media',
    {
      schema: {
        tags,
        summary: 'The library, newest first; q searches caption, credit and creator',
        querystring: MediaListQuery,
        response: { 200: MediaListJson },
      },
    },
    async (request) => {
      requireActor(request);
      const page = await listMedia(db, request.query, { publicBase });
      return { items: page.items.map(presentMediaSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/media/:id',
    {
      schema: {
        tags,
        summary: 'A photo with its public files and the articles it runs in',
        params: MediaParams,
        response: { 200: MediaJson },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const media = await getMedia(db, request.params.id, { publicBase });
      return presentMedia(media, await photoRights.readable(db, actor, await mediaUsage(db, media.id)));
    },
  );

  app.patch(
    '/media/:id',
    {
      schema: {
        tags,
        summary: 'Correct alt text, caption, credit and rights, or move the focal point',
        params: MediaParams,
        body: MediaChangesBody,
        response: { 200: MediaJson },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { id } = request.params;
      await inTransaction(db, (trx) => updateMedia(trx, clock, actor, id, request.body, photoRights));
      // A corrected credit is on every page that shows the photo from the next request on.
      await deps.purges.sync();
      const usedIn = await photoRights.readable(db, actor, await mediaUsage(db, id));
      return presentMedia(await getMedia(db, id, { publicBase }), usedIn);
    },
  );

  app.post(
    '/media/:id/variants',
    {
      schema: {
        tags,
        summary: 'Queue the public files of a photo again after its job failed',
        params: MediaParams,
        response: { 202: MediaJson },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id } = request.params;
      await inTransaction(db, (trx) => retryVariants(trx, clock, actor, id));
      const usedIn = await photoRights.readable(db, actor, await mediaUsage(db, id));
      return reply.code(202).send(presentMedia(await getMedia(db, id, { publicBase }), usedIn));
    },
  );

  app.delete(
    '/media/:id',
    {
      schema: {
        tags,
        summary: 'Delete a photo no article uses, with all its files',
        params: MediaParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await deleteMedia({ db, clock, storage }, actor, request.params.id, photoRights);
      return reply.code(204).send(null);
    },
  );
};

/**
 * Reads the request body into memory up to the size limit. A declared length over the limit is
 * refused before reading; a body that grows past it is refused as soon as it does.
 */
async function readUpload(
  request: { headers: Record<string, unknown> },
  payload: IncomingMessage,
): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MEDIA_MAX_BYTES) throw mediaTooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MEDIA_MAX_BYTES) throw mediaTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function rawUpload(request: FastifyRequest): { bytes: Buffer; filename: string | undefined } {
  // A JSON body reaches here parsed; only the raw parsers above give a Buffer.
  if (request.body !== undefined && !Buffer.isBuffer(request.body)) throw mediaBodyUnsupported();
  const filename = request.headers['x-filename'];
  return {
    bytes: (request.body as Buffer | undefined) ?? Buffer.alloc(0),
    filename: typeof filename === 'string' ? filename : undefined,
  };
}

/** The one file of a multipart form, read up to the size limit; the form's own name for it is kept. */
async function readMultipartFile(
  request: FastifyRequest,
): Promise<{ bytes: Buffer; filename: string | undefined }> {
  try {
    const part = await request.file();
    if (!part) throw mediaBodyUnsupported();
    return { bytes: await part.toBuffer(), filename: part.filename || undefined };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw mediaTooLarge();
    // The form parser's own errors (busboy: "Unexpected end of form", "Malformed part header")
    // carry no status; they are the client's broken form, not a fault of ours. Errors that carry
    // a status (@fastify/multipart's) keep it.
    if ((error as { statusCode?: number }).statusCode === undefined) throw mediaFormBroken(error);
    throw error;
  }
}
