import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError } from '../../platform/http/errors.js';
import { randomSecret, secretHash, secretsMatch } from '../../platform/secrets.js';
import { READER_COOKIE, readerCookieFlags } from './reader-session.js';

/** A random value that ties form tokens to a browser that has no session yet. */
export const FORM_COOKIE = 'masthead_form';

/** The honeypot's name: a field people never see, that form-filling bots fill. */
export const HONEYPOT_FIELD = 'contact_me_by_fax';

/** The address the request came from; the app does not trust proxy headers (trustProxy is off). */
export function clientIp(request: FastifyRequest): string {
  return request.ip;
}

/**
 * The value for a form's hidden `csrf` field: an HMAC of the session cookie, or of a pre-session
 * cookie set here when the browser has neither. Another site can make the browser post a form but
 * cannot read the cookie, so it cannot know the token.
 */
export function formToken(deps: Deps, request: FastifyRequest, reply: FastifyReply): string {
  let binding = bindingOf(request) ?? issued.get(request);
  if (binding === undefined) {
    const value = randomSecret();
    reply.setCookie(FORM_COOKIE, value, readerCookieFlags(deps));
    binding = `form:${value}`;
    issued.set(request, binding);
  }
  return tokenFor(deps, binding);
}

/** Pre-session cookies set by this response, so a page with several forms sets one. */
const issued = new WeakMap<FastifyRequest, string>();

/**
 * Refuses a form post whose token does not match this browser's cookie (403 FORM_EXPIRED: the usual
 * cause is a page left open across a sign-in or sign-out), or whose Origin header (sent by every
 * current browser on a form post) is not PUBLIC_URL's (403 FORM_WRONG_ADDRESS). The second names
 * the address expected and the one that arrived, in the page and in the log: a site opened under
 * another name, or a PUBLIC_URL that does not match the proxy in front, refuses every form, and the
 * operator must be able to tell that from an expired page (issue 12).
 */
export function checkFormToken(deps: Deps, request: FastifyRequest, submitted: string | undefined): void {
  const origin = request.headers.origin;
  const expected = deps.config.publicUrl.origin;
  if (origin !== undefined && origin !== expected) {
    request.log.warn(
      { origin, host: request.host, expected },
      `form refused: sent from ${origin} (host ${request.host}), but PUBLIC_URL is ${expected}`,
    );
    throw new AppError(
      'FORM_WRONG_ADDRESS',
      403,
      `This form was sent from ${origin}, but this site's address is ${expected}, so it was not sent. ` +
        `Open ${expected} and try again. (If ${expected} is not this site's address, PUBLIC_URL needs setting.)`,
      { origin, expected },
    );
  }
  const binding = bindingOf(request);
  const tokenOk =
    typeof submitted === 'string' &&
    binding !== undefined &&
    secretsMatch(submitted, tokenFor(deps, binding));
  if (!tokenOk) {
    throw new AppError(
      'FORM_EXPIRED',
      403,
      'This form has expired, so it was not sent. Go back, reload the page and try again.',
    );
  }
}

function bindingOf(request: FastifyRequest): string | undefined {
  const session = request.cookies[READER_COOKIE];
  if (session) return `session:${secretHash(session)}`;
  const form = request.cookies[FORM_COOKIE];
  return form ? `form:${form}` : undefined;
}

function tokenFor(deps: Deps, binding: string): string {
  return deps.keys.mac('reader-forms', `csrf\n${binding}`);
}
