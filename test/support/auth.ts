import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createApiToken } from '../../src/capabilities/staff/api-token-service.js';
import { SESSION_COOKIE } from '../../src/capabilities/staff/session-cookie.js';
import type { StaffMember, StaffRole } from '../../src/capabilities/staff/staff.js';
import { createStaff } from '../../src/capabilities/staff/staff-service.js';
import { signIn } from '../../src/capabilities/staff/staff-session-service.js';
import type { Deps } from '../../src/deps.js';

/**
 * A new staff member with `role`, signed in through the real services (argon2 hash, then a real
 * sign-in). `headers` carry the session cookie and the CSRF token; pass them to app.inject().
 */
export async function signedInAs(
  deps: Deps,
  role: StaffRole,
  opts: { email?: string; name?: string } = {},
): Promise<{ staff: StaffMember; headers: Record<string, string> }> {
  const unique = randomBytes(4).toString('hex');
  const email = opts.email ?? `${role}-${unique}@news.example`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const name = opts.name ?? `Test ${role} ${unique}`;
  const { db } = deps.database;
  await createStaff(db, deps.clock, { email, name, role, password });
  const session = await signIn(db, deps.clock, { email, password, userAgent: 'vitest' });
  return {
    staff: session.staff,
    headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrfToken },
  };
}

/**
 * An API token with `role`, made through the real service by a newly created owner (the only role
 * that may mint tokens of every role). `headers` carry `Authorization: Bearer mh_...`.
 */
export async function apiToken(deps: Deps, role: StaffRole): Promise<{ headers: Record<string, string> }> {
  const unique = randomBytes(4).toString('hex');
  const staff = await createStaff(deps.database.db, deps.clock, {
    email: `token-issuer-${unique}@news.example`,
    name: 'API token issuer',
    role: 'owner',
    password: `pw-${randomBytes(12).toString('hex')}`,
  });
  const actor = { staffId: staff.id, tokenId: null, name: staff.name, role: staff.role };
  const { token } = await createApiToken(deps.database.db, deps.clock, actor, {
    name: `test ${role} token`,
    role,
  });
  return { headers: { authorization: `Bearer ${token}` } };
}

/**
 * An API token made over the Admin API by a signed-in staff member (`headers` from `signedInAs`), as
 * the newsroom app makes one. Returns the bearer headers.
 */
export async function tokenMadeBy(
  app: FastifyInstance,
  headers: Record<string, string>,
  role: StaffRole,
): Promise<Record<string, string>> {
  const made = await app.inject({
    method: 'POST',
    url: '/api/admin/v1/tokens',
    headers,
    payload: { name: `made by hand (${role})`, role },
  });
  if (made.statusCode !== 201) throw new Error(`token not made: ${made.statusCode} ${made.body}`);
  return { authorization: `Bearer ${made.json().token as string}` };
}
