import type { Clock } from '../../platform/clock.js';
import { isoTime } from '../../platform/clock.js';
import type { Db } from '../../platform/database/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { randomSecret, secretHash } from '../../platform/secrets.js';
import { type Actor, assertRole } from './actor.js';
import { API_TOKEN_PREFIX, type ApiToken, checkNewApiToken, looksLikeApiToken } from './api-token.js';
import { lesserRole, roleAtLeast, type StaffRole } from './staff.js';
import {
  type ApiTokenRow,
  findApiTokenById,
  findLiveApiToken,
  insertApiToken,
  listApiTokenRows,
  markApiTokenRevoked,
  markApiTokenUsed,
} from './staff-access-repository.js';
import { SESSION_TOUCH_MS } from './staff-session-service.js';

/**
 * Creates an API token and returns its secret, the only time it is ever available: the database
 * keeps its SHA-256. Needs a signed-in admin (a token cannot mint tokens: a leaked one must not be
 * able to make itself permanent) and a role no higher than the creator's.
 */
export async function createApiToken(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { name: string; role: string },
): Promise<{ token: string; apiToken: ApiToken }> {
  assertRole(actor, 'admin', 'create API tokens');
  if (actor.staffId === null) {
    throw new AppError('FORBIDDEN', 403, 'API tokens cannot create API tokens; a staff member must sign in.');
  }
  const check = checkNewApiToken(input, actor.role);
  if (!check.ok) {
    if (check.reason === 'above_creator') {
      throw new AppError('FORBIDDEN', 403, check.message, { field: check.field, role: actor.role });
    }
    throw new AppError('API_TOKEN_INVALID', 400, check.message, { field: check.field });
  }
  const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
  const row: ApiTokenRow = {
    id: newId(clock.now().getTime()),
    name: check.value.name,
    token_hash: secretHash(token),
    role: check.value.role,
    created_by: actor.staffId,
    created_at: isoTime(clock.now()),
    last_used_at: null,
    revoked_at: null,
  };
  await insertApiToken(db, row);
  return { token, apiToken: toApiToken(row) };
}

/**
 * The actor behind a bearer token, or null for a malformed, unknown or revoked one, or one whose
 * maker is disabled. The maker's role is read on every request (not copied into the token), so a
 * demotion caps the token as the change commits: it acts with the lesser of its own scope and its
 * maker's current role.
 */
export async function findTokenActor(db: Db, clock: Clock, token: string): Promise<Actor | null> {
  if (!looksLikeApiToken(token)) return null;
  const row = await findLiveApiToken(db, secretHash(token));
  if (!row) return null;
  const now = clock.now();
  // Integrations can call many times a second; "last used" only needs to be right to the minute.
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= SESSION_TOUCH_MS) {
    await markApiTokenUsed(db, row.id, isoTime(now));
  }
  const role = lesserRole(row.role as StaffRole, row.maker_role as StaffRole);
  return { staffId: null, tokenId: row.id, name: `API token: ${row.name}`, role };
}

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  assertRole(actor, 'admin', 'see API tokens');
  return (await listApiTokenRows(db)).map(toApiToken);
}

/** Revokes a token at once; revoking one already revoked returns it unchanged. */
export async function revokeApiToken(db: Db, clock: Clock, actor: Actor, id: string): Promise<ApiToken> {
  assertRole(actor, 'admin', 'revoke API tokens');
  const row = await findApiTokenById(db, id);
  if (!row) throw notFound('The API token', { id });
  if (!roleAtLeast(actor.role, row.role as StaffRole)) {
    throw new AppError('FORBIDDEN', 403, `Your role (${actor.role}) cannot revoke a ${row.role} token.`, {
      role: actor.role,
      needed: row.role,
    });
  }
  if (row.revoked_at !== null) return toApiToken(row);
  const revoked = await markApiTokenRevoked(db, id, isoTime(clock.now()));
  // Revoked by someone else between the read and the write: theirs stands.
  return toApiToken(revoked ?? (await findApiTokenById(db, id)) ?? row);
}

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as StaffRole,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
