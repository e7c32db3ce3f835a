import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/http/errors.js';
import { requireActor } from './actor.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from './session-cookie.js';
import { createSignInLimiter } from './sign-in-limiter.js';
import { normaliseEmail } from './staff.js';
import { presentActor, presentStaff } from './staff-presenter.js';
import { MeReply, SignInBody, SignInReply } from './staff-schemas.js';
import { getStaffMember } from './staff-service.js';
import { endSession, signIn } from './staff-session-service.js';

/** Sign-in, sign-out and "who am I" for the newsroom app. */
export const staffSessionApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const limiter = createSignInLimiter(deps.rateLimiter);
  const { db } = deps.database;

  app.post(
    '/auth/sign-in',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        security: [],
        body: SignInBody,
        response: { 200: SignInReply },
      },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      const decision = await limiter.attempt(request.ip, email);
      if (!decision.ok) {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        throw new AppError(
          'RATE_LIMITED',
          429,
          `Too many sign-in attempts; try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes.`,
          { retryAfterSeconds: decision.retryAfterSeconds },
        );
      }
      const session = await signIn(db, deps.clock, {
        email,
        password: request.body.password,
        userAgent: request.headers['user-agent'] ?? null,
        previousToken: sessionCookieOf(request),
      });
      await limiter.succeeded(request.ip, email);
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      reply.header('cache-control', 'no-store');
      return {
        staff: presentStaff(session.staff),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session and clear its cookie',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      requireActor(request);
      if (request.staffSession) await endSession(db, request.staffSession.id);
      clearSessionCookie(reply, deps);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is acting: the signed-in staff member or the API token, and the CSRF token',
        response: { 200: MeReply },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      reply.header('cache-control', 'no-store');
      const staff = actor.staffId === null ? null : await getStaffMember(db, actor.staffId);
      return {
        actor: presentActor(actor),
        staff: staff && presentStaff(staff),
        csrfToken: request.staffSession?.csrfToken ?? null,
      };
    },
  );
};
