import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';

/** The cookie that carries a staff session token. */
export const SESSION_COOKIE = 'masthead_staff';

/**
 * HttpOnly so page scripts cannot read it, SameSite=Lax so other sites cannot send it with their
 * forms, Secure whenever the paper is served over HTTPS (browsers drop Secure cookies on plain http,
 * which would make local sign-in impossible).
 */
export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string, expiresAt: string): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - deps.clock.now().getTime()) / 1000));
  reply.setCookie(SESSION_COOKIE, token, { ...cookieFlags(deps), maxAge });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, cookieFlags(deps));
}

export function sessionCookieOf(request: FastifyRequest): string | null {
  const value = request.cookies[SESSION_COOKIE];
  return value ? value : null;
}

export function cookieFlags(deps: Deps) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.publicUrl.protocol === 'https:',
  };
}
