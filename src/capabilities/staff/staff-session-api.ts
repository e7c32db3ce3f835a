import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { requireActor } from './actor.js';
import { clearSessionCookie } from './session-cookie.js';
import { presentActor, presentStaff } from './staff-presenter.js';
import { MeReply } from './staff-schemas.js';
import { getStaffMember } from './staff-service.js';
import { endSession } from './staff-session-service.js';

/** Sign-out and "who am I" for the newsroom app (sign-in is staff-sign-in-api.ts). */
export const staffSessionApi: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps.database;

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
