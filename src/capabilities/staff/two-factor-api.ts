import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { requireActor } from './actor.js';
import { createStaffSignInGuard } from './sign-in-limiter.js';
import { requireSession } from './staff-password-api.js';
import { isTwoFactorRequired, setTwoFactorRequired } from './staff-policy-service.js';
import { findStaffById } from './staff-repository.js';
import { IdParams } from './staff-schemas.js';
import { loseAuthTokenTry } from './staff-security-repository.js';
import {
  CodeBody,
  DisableBody,
  EnrolBody,
  EnrolConfirmBody,
  EnrolReply,
  MessageReply,
  PolicyBody,
  PolicyReply,
  RecoveryCodesReply,
  TwoFactorStatusReply,
} from './staff-security-schemas.js';
import { toStaffMember } from './staff-service.js';
import { sendSignedIn } from './staff-sign-in-api.js';
import { findEnrolChallenge, finishEnrolSignIn } from './staff-sign-in-service.js';
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  resetTwoFactorOf,
  twoFactorStatus,
} from './two-factor-service.js';

/**
 * TOTP two-factor for staff: enrol (with a session, or with the `enrol` challenge of a sign-in when
 * an owner requires it), confirm, recovery codes, disable; the owner's rule; an admin's reset.
 * API tokens are their own credential: two-factor does not apply to them, and they cannot use these.
 */
export const twoFactorApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;
  const guard = createStaffSignInGuard(deps);

  /** Who is enrolling: the signed-in staff member, or the holder of an `enrol` sign-in challenge. */
  const enrollee = async (request: FastifyRequest, challenge: string | undefined) => {
    if (challenge !== undefined) return findEnrolChallenge(deps, challenge);
    requireActor(request);
    const { staffId } = requireSession(request);
    const staff = await findStaffById(db, staffId);
    if (!staff) throw notFound('The staff member', { id: staffId });
    return { staff, token: null };
  };

  app.get(
    '/auth/two-factor',
    { schema: { tags: ['auth'], summary: 'Your two-factor state', response: { 200: TwoFactorStatusReply } } },
    async (request) => twoFactorStatus(db, requireSession(request).staffId),
  );

  app.post(
    '/auth/two-factor/enrol',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Start two-factor enrolment: a new secret and its otpauth:// URI, shown this once',
        body: EnrolBody,
        response: { 200: EnrolReply },
      },
    },
    async (request, reply) => {
      const { staff } = await enrollee(request, request.body.challenge);
      reply.header('cache-control', 'no-store');
      return beginEnrolment(deps, staff);
    },
  );

  app.post(
    '/auth/two-factor/confirm',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          'Turn two-factor on with the first code from the app; answers ten recovery codes, shown once',
        body: EnrolConfirmBody,
        response: { 200: RecoveryCodesReply },
      },
    },
    async (request, reply) => {
      const { staff, token } = await enrollee(request, request.body.challenge);
      reply.header('cache-control', 'no-store');
      let recoveryCodes: string[];
      try {
        recoveryCodes = await confirmEnrolment(deps, staff.id, request.body.code);
      } catch (error) {
        if (token && error instanceof AppError && error.code === 'CODE_INVALID')
          await loseAuthTokenTry(db, token.id);
        throw error;
      }
      if (!token) return { recoveryCodes, signedIn: null };
      const session = await finishEnrolSignIn(deps, token, request.headers['user-agent'] ?? null);
      return { recoveryCodes, signedIn: sendSignedIn(deps, guard, reply, toStaffMember(staff), session) };
    },
  );

  app.post(
    '/auth/two-factor/recovery-codes',
    {
      schema: {
        tags: ['auth'],
        summary: 'New recovery codes (the old ones stop working), with a current code',
        body: CodeBody,
        response: { 200: RecoveryCodesReply },
      },
    },
    async (request, reply) => {
      const { staffId } = requireSession(request);
      reply.header('cache-control', 'no-store');
      return {
        recoveryCodes: await regenerateRecoveryCodes(deps, staffId, request.body.code),
        signedIn: null,
      };
    },
  );

  app.post(
    '/auth/two-factor/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn two-factor off, with your password and a current code',
        body: DisableBody,
        response: { 200: MessageReply },
      },
    },
    async (request) => {
      await disableTwoFactor(deps, requireSession(request).staffId, request.body);
      return { message: 'Two-factor sign-in is off for your account.' };
    },
  );

  app.delete(
    '/staff/:id/two-factor',
    {
      schema: {
        tags: ['staff'],
        summary: "Reset another staff member's two-factor (recorded); admins for staff up to editor",
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await resetTwoFactorOf(deps, requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/two-factor-policy',
    {
      schema: {
        tags: ['staff'],
        summary: 'Whether two-factor is required of all staff',
        response: { 200: PolicyReply },
      },
    },
    async (request) => {
      requireActor(request);
      return { twoFactorRequired: await isTwoFactorRequired(db) };
    },
  );

  app.put(
    '/two-factor-policy',
    {
      schema: {
        tags: ['staff'],
        summary: 'Require two-factor of every staff member, or stop requiring it (owners)',
        body: PolicyBody,
        response: { 200: PolicyReply },
      },
    },
    async (request) => {
      await setTwoFactorRequired(db, deps.clock, requireActor(request), request.body.twoFactorRequired);
      return { twoFactorRequired: request.body.twoFactorRequired };
    },
  );
};
