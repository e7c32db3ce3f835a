import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/http/errors.js';
import { secretsMatch } from '../../platform/secrets.js';
import { findTokenActor } from './api-token-service.js';
import { sessionCookieOf, setSessionCookie } from './session-cookie.js';
import { findSession } from './staff-session-service.js';

/** The session behind the request's cookie, when that is how it was authenticated. */
export interface RequestSession {
  readonly id: string;
  readonly csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by staffAuth when the actor came from a session cookie; null for tokens and anonymous. */
    staffSession: RequestSession | null;
  }
  interface FastifyContextConfig {
    /** The route answers without an actor (sign-in). Every other Admin API route needs one. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const csrfFailed = () =>
  new AppError(
    'CSRF_FAILED',
    403,
    'This request needs the x-csrf-token header from sign-in or /auth/me; it is how the Admin API knows the newsroom app sent it.',
  );

/**
 * Staff authentication for the Admin API context. Sets `request.actor` from either
 * `Authorization: Bearer mh_...` (an API token; when the header is present it is the only thing
 * looked at) or the `masthead_staff` session cookie. A request with no actor gets 401 AUTH_REQUIRED
 * unless its route is marked `config: { public: true }`.
 *
 * A cookie is sent by the browser whoever wrote the page, so a cookie-authenticated unsafe request
 * must also carry the session's CSRF token in `x-csrf-token` (403 CSRF_FAILED). A bearer token is
 * never sent automatically, so it needs none. On a public route a cookie without the CSRF token just
 * does not count: signing in again from a stale tab must work.
 *
 * Wrapped with fastify-plugin so the decorators and the hook cover the sibling capability plugins.
 */
const plugin: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  if (!app.hasDecorator('parseCookie')) await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('staffSession', null);

  app.addHook('onRequest', async (request, reply) => {
    const isPublic = request.routeOptions.config?.public === true;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      request.actor = await findTokenActor(deps.database.db, deps.clock, bearerOf(authorization));
    } else {
      const token = sessionCookieOf(request);
      const session = token ? await findSession(deps.database.db, deps.clock, token) : null;
      if (session && token) {
        if (!SAFE_METHODS.has(request.method) && !csrfMatches(request, session.csrfToken)) {
          if (!isPublic) throw csrfFailed();
        } else {
          request.actor = session.actor;
          request.staffSession = { id: session.id, csrfToken: session.csrfToken };
          if (session.extended) setSessionCookie(reply, deps, token, session.expiresAt);
        }
      }
    }
    if (!request.actor && !isPublic) {
      throw new AppError('AUTH_REQUIRED', 401, 'Sign in, or send an API token, to use the Admin API.');
    }
  });
};

export const staffAuth = fp(plugin, { name: 'masthead-staff-auth', fastify: '5.x' });

function bearerOf(header: string): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const given = request.headers['x-csrf-token'];
  return typeof given === 'string' && secretsMatch(given, expected);
}
