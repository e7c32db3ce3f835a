import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import type { Deps } from '../../deps.js';
import { isoTime } from '../../platform/clock.js';
import { requireActor } from './actor.js';
import { createStaffSignInGuard } from './sign-in-limiter.js';
import type { RecordStaffAudit } from './staff-audit.js';
import { type Invitation, invitationState } from './staff-invitation.js';
import {
  InvitationAcceptBody,
  InvitationLinkBody,
  InvitationLinkReply,
  InvitationList,
  InvitationReply,
  type InvitationSchema,
  NewInvitationBody,
} from './staff-invitation-schemas.js';
import {
  acceptInvitation,
  cancelInvitation,
  findInvitationByLink,
  inviteStaff,
  listInvitations,
  resendInvitation,
} from './staff-invitation-service.js';
import { IdParams, SignInReply } from './staff-schemas.js';
import { ChallengeReply } from './staff-security-schemas.js';
import { answerSignIn } from './staff-sign-in-api.js';

/** Invitations: sent, listed, sent again and cancelled by admins; opened and accepted by the invitee. */
export const staffInvitationApi: FastifyPluginAsyncTypebox<{
  deps: Deps;
  recordAudit: RecordStaffAudit;
}> = async (app, { deps, recordAudit }) => {
  const guard = createStaffSignInGuard(deps);
  const tags = ['staff'];
  const present = (invitation: Invitation): Static<typeof InvitationSchema> => ({
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    state: invitationState(invitation, isoTime(deps.clock.now())) === 'expired' ? 'expired' : 'pending',
  });

  app.get(
    '/staff/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations not yet accepted or cancelled',
        response: { 200: InvitationList },
      },
    },
    async (request) => ({ invitations: (await listInvitations(deps, requireActor(request))).map(present) }),
  );

  app.post(
    '/staff/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone by mail to join with a role (the link works once, for 72 hours)',
        body: NewInvitationBody,
        response: { 201: InvitationReply },
      },
    },
    async (request, reply) => {
      const invitation = await inviteStaff(deps, recordAudit, requireActor(request), request.body);
      return reply.code(201).send({ invitation: present(invitation) });
    },
  );

  app.post(
    '/staff/invitations/:id/resend',
    {
      schema: {
        tags,
        summary: 'Mail an invitation again with a new link and 72 new hours; the old link stops working',
        params: IdParams,
        response: { 200: InvitationReply },
      },
    },
    async (request) => ({
      invitation: present(await resendInvitation(deps, requireActor(request), request.params.id)),
    }),
  );

  app.delete(
    '/staff/invitations/:id',
    { schema: { tags, summary: 'Cancel an invitation; its link stops working', params: IdParams } },
    async (request, reply) => {
      await cancelInvitation(deps, recordAudit, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/invitation',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: "Who an invitation link invites, or why it no longer works (the link's page asks first)",
        security: [],
        body: InvitationLinkBody,
        response: { 200: InvitationLinkReply },
      },
    },
    async (request, reply) => {
      const invitation = await findInvitationByLink(deps, request.body.token);
      reply.header('cache-control', 'no-store');
      return {
        invitation: {
          email: invitation.email,
          name: invitation.name,
          role: invitation.role,
          invitedBy: invitation.invitedBy.name,
          expiresAt: invitation.expiresAt,
        },
      };
    },
  );

  app.post(
    '/auth/invitation/accept',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Join with the token from an invitation link and a new password; signs in',
        security: [],
        body: InvitationAcceptBody,
        response: { 200: SignInReply, 202: ChallengeReply },
      },
    },
    async (request, reply) => {
      const outcome = await acceptInvitation(deps, recordAudit, {
        token: request.body.token,
        password: request.body.password,
        userAgent: request.headers['user-agent'] ?? null,
      });
      return answerSignIn(deps, guard, request, reply, outcome);
    },
  );
};
