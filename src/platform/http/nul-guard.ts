import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.js';

/**
 * Refuses a request whose path parameters, query or JSON body hold a NUL character. No field of
 * Masthead may contain one, SQLite would store it and PostgreSQL refuses it mid-query ("invalid
 * byte sequence for encoding UTF8: 0x00"), which surfaced as a 500 under random requests.
 * Checked once here, before validation, rather than in every schema.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const where =
      nulIn(request.params, 'path') ?? nulIn(request.query, 'query') ?? nulIn(request.body, 'body');
    if (where) {
      throw badRequest(
        'INVALID_CHARACTERS',
        'The request holds a NUL character, which no field may contain.',
        {
          in: where.in,
          field: where.field,
        },
      );
    }
  });
}

function nulIn(value: unknown, place: string, field = ''): { in: string; field: string } | null {
  if (typeof value === 'string') return value.includes('\u0000') ? { in: place, field } : null;
  if (Buffer.isBuffer(value) || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const path = field ? `${field}.${key}` : key;
    if (key.includes('\u0000')) return { in: place, field: path };
    const found = nulIn(inner, place, path);
    if (found) return found;
  }
  return null;
}
