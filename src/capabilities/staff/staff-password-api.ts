import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/http/errors.js';
import type { RateRule } from '../../platform/rate-limit/index.js';
import { requireActor } from './actor.js';
import { normaliseEmail } from './staff.js';
import { changePassword, confirmPasswordReset, requestPasswordReset } from './staff-password-service.js';
import {
  MessageReply,
  PasswordChangeBody,
  PasswordChangeReply,
  PasswordResetBody,
  PasswordResetConfirmBody,
} from './staff-security-schemas.js';
import { refuseWhenLimited } from './staff-sign-in-api.js';

const HOUR = 60 * 60_000;
/** Reset mails per address and per requesting address; the per-address limit also spares inboxes. */
export const RESET_RULES = {
  address: { name: 'staff-reset:email', limit: 3, windowMs: HOUR },
  ip: { name: 'staff-reset:ip', limit: 10, windowMs: HOUR },
  /** Current-password guesses from a stolen session. */
  change: { name: 'staff-password:staff', limit: 10, windowMs: HOUR },
} as const satisfies Record<string, RateRule>;

const RESET_SENT =
  'If that address belongs to an active staff account, a link to choose a new password is on its way. It works once, for 30 minutes.';

/** A session is needed: an API token is its own credential, with no password of its own to change. */
export function requireSession(request: {
  staffSession: { id: string } | null;
  actor: { staffId: string | null } | null;
}) {
  const session = request.staffSession;
  const staffId = request.actor?.staffId ?? null;
  if (!session || staffId === null) {
    throw new AppError(
      'SESSION_REQUIRED',
      403,
      'Only a signed-in staff member can do this, not an API token.',
    );
  }
  return { sessionId: session.id, staffId };
}

/** Password change (signed in) and reset by mail (public, no enumeration). */
export const staffPasswordApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password with the current one; ends your other sessions',
        body: PasswordChangeBody,
        response: { 200: PasswordChangeReply },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const { sessionId, staffId } = requireSession(request);
      refuseWhenLimited(reply, await deps.rateLimiter.hit([{ rule: RESET_RULES.change, subject: staffId }]));
      const ended = await changePassword(deps, {
        staffId,
        sessionId,
        current: request.body.currentPassword,
        next: request.body.newPassword,
      });
      const others = ended === 1 ? '1 other session was' : `${ended} other sessions were`;
      return {
        message: `Your password is changed. ${others} signed out; this one stays.`,
        endedSessions: ended,
      };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Mail a single-use link to choose a new password (the same answer for any address)',
        security: [],
        body: PasswordResetBody,
        response: { 202: MessageReply },
      },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email);
      refuseWhenLimited(
        reply,
        await deps.rateLimiter.hit([
          { rule: RESET_RULES.address, subject: email },
          { rule: RESET_RULES.ip, subject: request.ip },
        ]),
      );
      await requestPasswordReset(deps, email);
      reply.header('cache-control', 'no-store');
      return reply.code(202).send({ message: RESET_SENT });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the token from the mailed link; ends every session',
        security: [],
        body: PasswordResetConfirmBody,
        response: { 200: MessageReply },
      },
    },
    async (request) => {
      await confirmPasswordReset(deps, { token: request.body.token, password: request.body.password });
      return {
        message: 'Your password is changed, and every session of your account has ended. Sign in again.',
      };
    },
  );
};
