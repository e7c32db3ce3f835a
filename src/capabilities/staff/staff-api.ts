import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Deps } from '../../deps.js';
import { requireActor } from './actor.js';
import { apiTokenApi } from './api-token-api.js';
import { addStaff, changeStaff, listStaff } from './staff-admin-service.js';
import type { RecordStaffAudit } from './staff-audit.js';
import { staffInvitationApi } from './staff-invitation-api.js';
import { staffPasswordApi } from './staff-password-api.js';
import { presentStaff } from './staff-presenter.js';
import { listColleagueRows } from './staff-repository.js';
import {
  ColleagueList,
  IdParams,
  NewStaffBody,
  StaffChangeBody,
  StaffList,
  StaffReply,
} from './staff-schemas.js';
import { staffSessionApi } from './staff-session-api.js';
import { staffSignInApi } from './staff-sign-in-api.js';
import { twoFactorApi } from './two-factor-api.js';

/** The staff capability's Admin API: sign-in, sessions, passwords, two-factor, staff accounts, API tokens. */
export const staffApi: FastifyPluginAsyncTypebox<{ deps: Deps; recordAudit: RecordStaffAudit }> = async (
  app,
  { deps, recordAudit },
) => {
  await app.register(staffSignInApi, { deps });
  await app.register(staffSessionApi, { deps });
  await app.register(staffPasswordApi, { deps });
  await app.register(twoFactorApi, { deps });
  await app.register(apiTokenApi, { deps });
  await app.register(staffInvitationApi, { deps, recordAudit });
  const { database, clock } = deps;

  app.get(
    '/staff',
    { schema: { tags: ['staff'], summary: 'Every staff account', response: { 200: StaffList } } },
    async (request) => {
      const staff = await listStaff(database, requireActor(request));
      return {
        staff: staff.map((s) => ({
          ...presentStaff(s),
          twoFactor: s.twoFactor,
          lastSignInAt: s.lastSignInAt,
        })),
      };
    },
  );

  // Names only, for everyone in the newsroom: whom a comment may mention. Addresses and roles stay with admins.
  app.get(
    '/staff/colleagues',
    {
      schema: {
        tags: ['staff'],
        summary: 'Every staff member who can sign in: id and name',
        response: { 200: ColleagueList },
      },
    },
    async (request) => {
      requireActor(request);
      return { colleagues: await listColleagueRows(database.db) };
    },
  );

  app.post(
    '/staff',
    {
      schema: {
        tags: ['staff'],
        summary: 'Add a staff account (owners and admins can only be added by an owner)',
        body: NewStaffBody,
        response: { 201: StaffReply },
      },
    },
    async (request, reply) => {
      const staff = await addStaff(database, clock, requireActor(request), request.body);
      return reply.code(201).send({ staff: presentStaff(staff) });
    },
  );

  app.patch(
    '/staff/:id',
    {
      schema: {
        tags: ['staff'],
        summary:
          "Change a staff account's name, role or disabled state; disabling ends its sessions and API tokens at once",
        params: IdParams,
        body: StaffChangeBody,
        response: { 200: StaffReply },
      },
    },
    async (request) => {
      const staff = await changeStaff(
        database,
        clock,
        requireActor(request),
        request.params.id,
        request.body,
        recordAudit,
      );
      return { staff: presentStaff(staff) };
    },
  );
};
