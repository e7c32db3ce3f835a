import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { faultCodeOf, isDatabaseUnavailable, isStorageFull } from '../database/database-faults.js';
import type { WriteHealth } from '../database/write-health.js';
import { AppError, type ErrorBody } from './errors.js';

/** Renders the HTML error page readers see; supplied by the site capability so it wears the paper's design. */
export type ErrorPageRenderer = (
  request: FastifyRequest,
  error: { status: number; code: string; message: string },
) => Promise<string>;

const GENERIC_500 = 'Something went wrong on our side. It has been logged; please try again shortly.';
const STORAGE_FULL_MESSAGE =
  'The newspaper cannot save anything right now because its storage is full. Nothing was changed; please try again later.';
const DATABASE_UNAVAILABLE_MESSAGE =
  'The newspaper cannot reach its database right now. Nothing was changed; please try again in a minute.';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The one place errors become responses: JSON `{error:{code,message,details}}` under /api and for
 * clients that ask for JSON, an HTML page for readers. Unknown errors become a generic 500; the
 * stack trace stays in the log, never in the response.
 */
export function installErrorHandling(
  app: FastifyInstance,
  renderPage: ErrorPageRenderer,
  writeHealth: WriteHealth,
): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const shaped = shape(error);
    if (shaped.code === STORAGE_FULL) writeHealth.writeFailedForSpace();
    if (shaped.status >= 500) {
      // The driver's code (SQLITE_FULL, ENOSPC, 53100, 57014) names the real cause in the log.
      request.log.error({ err: error, cause: faultCodeOf(error), code: shaped.code }, 'request failed');
    } else request.log.info({ code: shaped.code, status: shaped.status }, shaped.message);
    return send(request, reply, shaped, renderPage);
  });
  // A write that went through proves there is room again (readiness stops reporting a full disk).
  app.addHook('onResponse', async (request, reply) => {
    if (WRITE_METHODS.has(request.method) && reply.statusCode < 400) writeHealth.writeSucceeded();
  });

  app.setNotFoundHandler(async (request, reply) => send(request, reply, NOT_FOUND, renderPage));
}

interface Shaped {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
}

function shape(error: FastifyError): Shaped {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details };
  }
  if (error.validation) {
    const problems = error.validation.map((v) => ({
      field: fieldOf(v.instancePath, v.params),
      problem: v.message ?? 'is not valid',
    }));
    const first = problems[0];
    return {
      status: 400,
      code: 'VALIDATION_FAILED',
      message: first ? `${first.field || 'The request'} ${first.problem}.` : 'The request is not valid.',
      details: { problems, in: error.validationContext },
    };
  }
  // Fastify's own 4xx (bad JSON, body too large, wrong content type) carry safe messages.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return { status, code: error.code ?? 'BAD_REQUEST', message: error.message, details: {} };
  }
  if (isStorageFull(error))
    return { status: 507, code: STORAGE_FULL, message: STORAGE_FULL_MESSAGE, details: {} };
  if (isDatabaseUnavailable(error)) {
    return { status: 503, code: DATABASE_UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE, details: {} };
  }
  return { status: 500, code: 'INTERNAL', message: GENERIC_500, details: {} };
}

const STORAGE_FULL = 'STORAGE_FULL';
const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

function fieldOf(instancePath: string, params: Record<string, unknown> | undefined): string {
  const base = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const named = params?.missingProperty ?? params?.additionalProperty;
  if (typeof named === 'string') return base ? `${base}.${named}` : named;
  return base;
}

/** A URL the router cannot take (too long, malformed) is a page that does not exist: the site's 404. */
export function sendRouterNotFound(
  request: FastifyRequest,
  reply: FastifyReply,
  renderPage: ErrorPageRenderer,
) {
  return send(request, reply, NOT_FOUND, renderPage);
}

const NOT_FOUND: Shaped = {
  status: 404,
  code: 'NOT_FOUND',
  message: 'There is no page at this address.',
  details: {},
};

async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  shaped: Shaped,
  renderPage: ErrorPageRenderer,
) {
  reply.code(shaped.status);
  if (shaped.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  if (shaped.code === DATABASE_UNAVAILABLE) reply.header('retry-after', '10');
  if (wantsJson(request)) {
    const body: ErrorBody = {
      error: { code: shaped.code, message: shaped.message, details: shaped.details, requestId: request.id },
    };
    return reply.type('application/json; charset=utf-8').send(body);
  }
  // The site's page reads the settings from the database that just failed to answer: plain words at once.
  if (shaped.code === DATABASE_UNAVAILABLE) return sendPlain(reply, shaped);
  try {
    const html = await renderPage(request, shaped);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  } catch (renderError) {
    // The page itself failed (the database may be the cause): plain text still tells the reader.
    request.log.error({ err: renderError }, 'error page failed to render');
    return sendPlain(reply, shaped);
  }
}

function sendPlain(reply: FastifyReply, shaped: Shaped) {
  return reply
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`${shaped.status}: ${shaped.message}`);
}

function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/') || request.url === '/api') return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
