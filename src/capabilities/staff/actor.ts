import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import { roleAtLeast, type StaffRole } from './staff.js';

/**
 * Who is acting on an Admin API request: a signed-in staff member (session cookie) or an
 * integration (API token, scoped to a role). Services take an Actor and check rights themselves,
 * so a rule holds whatever route or job calls them.
 */
export interface Actor {
  /** The staff member acting; for a token, null (the token is the actor). */
  readonly staffId: string | null;
  /** The API token acting, when it is one. */
  readonly tokenId: string | null;
  /** Shown in revision history and logs: the staff member's name, or "API token: <name>". */
  readonly name: string;
  readonly role: StaffRole;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the staff auth plugin in the Admin API context; null when not signed in. */
    actor: Actor | null;
  }
}

/** The actor of a request, or a 401 AUTH_REQUIRED. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new AppError('AUTH_REQUIRED', 401, 'Sign in, or send an API token, to use the Admin API.');
  return request.actor;
}

/** Throws 403 FORBIDDEN unless the actor's role is `needed` or above; `action` completes "Your role cannot ...". */
export function assertRole(actor: Actor, needed: StaffRole, action: string): void {
  if (!roleAtLeast(actor.role, needed)) {
    throw new AppError(
      'FORBIDDEN',
      403,
      `Your role (${actor.role}) cannot ${action}; that needs ${needed} or above.`,
      {
        role: actor.role,
        needed,
      },
    );
  }
}

/** The actor of a request whose role is `needed` or above: 401 without one, 403 below it. */
export function requireRole(request: FastifyRequest, needed: StaffRole, action: string): Actor {
  const actor = requireActor(request);
  assertRole(actor, needed, action);
  return actor;
}
