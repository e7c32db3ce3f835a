import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/http/errors.js';
import { KNOWN_DEVICE_MS, type RateDecision, type SignInGuard } from '../../platform/rate-limit/index.js';
import { cookieFlags, sessionCookieOf, setSessionCookie } from './session-cookie.js';
import { CODE_RULE, createStaffSignInGuard } from './sign-in-limiter.js';
import { normaliseEmail, type StaffMember } from './staff.js';
import { presentStaff } from './staff-presenter.js';
import type { SignInReply } from './staff-schemas.js';
import { SignInBody, SignInReply as SignInReplySchema } from './staff-schemas.js';
import { ChallengeReply, SignInVerifyBody } from './staff-security-schemas.js';
import type { StartedSession } from './staff-session-service.js';
import { continueSignIn, passwordSignIn, type SignInOutcome } from './staff-sign-in-service.js';

/** Marks a browser that has signed in to an account before (see platform/rate-limit/sign-in-guard.ts). */
export const DEVICE_COOKIE = 'masthead_staff_device';

/** Throws 429 RATE_LIMITED with Retry-After for a refused decision. */
export function refuseWhenLimited(reply: FastifyReply, decision: RateDecision): void {
  if (decision.ok) return;
  reply.header('retry-after', String(decision.retryAfterSeconds));
  throw new AppError(
    'RATE_LIMITED',
    429,
    `Too many sign-in attempts; try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes.`,
    { retryAfterSeconds: decision.retryAfterSeconds },
  );
}

/**
 * The reply of a finished sign-in: the session cookie, and the known-device cookie that lets this
 * browser past the account's own limit next time (renewed at each sign-in).
 */
export function sendSignedIn(
  deps: Deps,
  guard: SignInGuard,
  reply: FastifyReply,
  staff: StaffMember,
  session: StartedSession,
): Static<typeof SignInReply> {
  setSessionCookie(reply, deps, session.token, session.expiresAt);
  reply.setCookie(DEVICE_COOKIE, guard.deviceCookie(staff.email), {
    ...cookieFlags(deps),
    maxAge: KNOWN_DEVICE_MS / 1000,
  });
  reply.header('cache-control', 'no-store');
  return { staff: presentStaff(staff), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

/** 200 with the session (and cookies) of a finished sign-in, or 202 with the step that remains. */
export async function answerSignIn(
  deps: Deps,
  guard: SignInGuard,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: SignInOutcome,
) {
  if (outcome.kind === 'challenge') {
    reply.header('cache-control', 'no-store');
    return reply
      .code(202)
      .send({ next: outcome.next, challenge: outcome.challenge, expiresAt: outcome.expiresAt });
  }
  await guard.succeeded({ ip: request.ip, account: outcome.staff.email });
  return reply.code(200).send(sendSignedIn(deps, guard, reply, outcome.staff, outcome.session));
}

/**
 * Sign-in in steps: the password first; then, when needed, a code (from the authenticator app, or
 * mailed while the account is under attack) or enrolment. 200 with a session when done, 202 with a
 * challenge when a step remains.
 */
export const staffSignInApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const guard = createStaffSignInGuard(deps);
  const answer = (request: FastifyRequest, reply: FastifyReply, outcome: SignInOutcome) =>
    answerSignIn(deps, guard, request, reply, outcome);

  app.post(
    '/auth/sign-in',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie, or asks for a next step (202)',
        security: [],
        body: SignInBody,
        response: { 200: SignInReplySchema, 202: ChallengeReply },
      },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      const decision = await guard.attempt({
        ip: request.ip,
        account: email,
        deviceCookie: request.cookies[DEVICE_COOKIE],
      });
      refuseWhenLimited(reply, decision);
      const outcome = await passwordSignIn(deps, {
        email,
        password: request.body.password,
        userAgent: request.headers['user-agent'] ?? null,
        previousToken: sessionCookieOf(request),
        accountBusy: decision.ok && decision.accountBusy,
      });
      return answer(request, reply, outcome);
    },
  );

  app.post(
    '/auth/sign-in/verify',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'The next sign-in step: the challenge and the code it asks for',
        security: [],
        body: SignInVerifyBody,
        response: { 200: SignInReplySchema, 202: ChallengeReply },
      },
    },
    async (request, reply) => {
      refuseWhenLimited(reply, await deps.rateLimiter.hit([{ rule: CODE_RULE, subject: request.ip }]));
      const outcome = await continueSignIn(deps, {
        challenge: request.body.challenge,
        code: request.body.code,
        userAgent: request.headers['user-agent'] ?? null,
      });
      return answer(request, reply, outcome);
    },
  );
};
