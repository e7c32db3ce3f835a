import { fastifyCookie } from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import {
  type PageRequest,
  setChoiceCookies,
  type VariantChoice,
} from '../../platform/http/page-cache-plugin.js';
import { READER_COOKIE, signedInReader } from '../accounts/index.js';
import type { ArticleAccess } from '../articles/index.js';
import { pendingConsents } from '../consent/index.js';
import type { Settings } from '../settings/index.js';
import { absolute } from '../site/index.js';
import { meterId, meterMonth, openArticle } from './meter.js';
import { METER_COOKIE, METER_COOKIE_MAX_AGE_S, readMeterCookie, writeMeterCookie } from './meter-cookie.js';
import {
  cutMonth,
  meteredCut,
  type WallMeta,
  type WallVersion,
  wallApplies,
  wallMetaOf,
  withReturn,
} from './wall.js';

/** The page cache's name for the wall's choice between an article page's versions. */
const RESOLVER = 'wall';

/**
 * Registers the wall with the page cache: a cached article page is stored as a full and a cut
 * version, and for each request the wall picks one from the page's meta and the reader's cookies
 * (ADR 0010). Anonymous readers are served with no database query.
 */
export const wallPlugin: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.addPageVariantResolver(RESOLVER, (request, stored) => {
    const meta = wallMetaOf(stored);
    return meta ? choose(deps, request, meta) : null;
  });
};

/** The article as the wall needs it. */
export interface ArticleForWall {
  id: string;
  access: ArticleAccess;
  /** Its canonical address. */
  path: string;
}

/**
 * What the article route does: send the reader elsewhere first, or render the page cut or whole.
 * A metered article cut for an anonymous reader past the limit carries the paper's month it was
 * cut in ("YYYYMM"): every reader who gets that version has read the month's N free articles, and
 * the prompt says when they start again.
 */
export type WallOutcome = { redirect: string } | { cut: false } | { cut: true; month: string | null };

/**
 * The wall's answer for the article route (a cache miss): the choice already made before routing
 * when there was one, else made now, once; the meter cookie is set on `reply` when it changes. Marks
 * the page as the chosen version, with the meta that lets later requests choose without a query.
 */
export async function articleWall(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  article: ArticleForWall,
  settings: Settings,
): Promise<WallOutcome> {
  const meta: WallMeta = {
    article: article.id,
    meterId: meterId(article.id),
    access: article.access,
    limit: settings['wall.free_articles_per_month'],
    timeZone: settings['publication.timezone'],
    path: article.path,
  };
  // A choice made before routing has set its cookies already; one made here sets them now.
  let choice = request.pageVariantChoice;
  if (!choice) {
    choice = await choose(deps, request, meta);
    setChoiceCookies(reply, choice);
  }
  if ('redirect' in choice) return { redirect: choice.redirect };
  reply.pageVariant = { resolver: RESOLVER, name: choice.variant, meta, shared: choice.shared };
  if (choice.variant === 'full') return { cut: false };
  return { cut: true, month: cutMonth(choice.variant) };
}

const version = (variant: WallVersion, shared: boolean, setCookies: string[] = []): VariantChoice => ({
  variant,
  shared,
  setCookies,
});

/**
 * The version for this reader. Anonymous readers cost no query (a signed cookie and the stored
 * meta); only a session cookie leads to the database. Synchronous for them, so the front door
 * answers without waiting on a promise.
 */
function choose(deps: Deps, request: PageRequest, meta: WallMeta): VariantChoice | Promise<VariantChoice> {
  if (request.cookies[READER_COOKIE] !== undefined) return chooseForSession(deps, request, meta);
  return chooseAnonymous(deps, request, meta);
}

async function chooseForSession(deps: Deps, request: PageRequest, meta: WallMeta): Promise<VariantChoice> {
  const reader = await signedInReader(deps, request);
  // A cookie for a session that has ended: read as anonymous.
  if (!reader) return chooseAnonymous(deps, request, meta);
  const pending = await pendingConsents(deps.database.db, deps.clock, reader.id);
  if (pending.length > 0) {
    return { redirect: absolute(deps.config.publicUrl, withReturn('/account/consent', meta.path)) };
  }
  return version('full', false);
}

function chooseAnonymous(deps: Deps, request: PageRequest, meta: WallMeta): VariantChoice {
  // Free pages are the same for everyone, so shared caches may keep them.
  if (!wallApplies(meta.access, meta.limit)) return version('full', true);
  if (meta.access === 'registration') return version('cut', false);
  const { allowed, month, cookie } = countRead(deps, request, meta);
  return version(allowed ? 'full' : meteredCut(month), false, cookie ? [cookie] : []);
}

/** Opens a metered article on the reader's meter: whether it may be read whole, and the meter's new cookie. */
function countRead(
  deps: Deps,
  request: PageRequest,
  meta: WallMeta,
): { allowed: boolean; month: string; cookie: string | null } {
  const key = deps.keys.key('meter-cookie');
  const month = meterMonth(deps.clock.now(), meta.timeZone);
  const { meter, replace } = readMeterCookie(request.cookies[METER_COOKIE], month, key);
  const opened = openArticle(meter, meta.meterId, meta.limit);
  // A HEAD request learns what a GET would get without being counted.
  if (!(replace || opened.changed) || request.method !== 'GET')
    return { allowed: opened.allowed, month, cookie: null };
  const cookie = meterSetCookie(
    writeMeterCookie(opened.meter, key),
    deps.config.publicUrl.protocol === 'https:',
  );
  return { allowed: opened.allowed, month, cookie };
}

/** The meter cookie's attributes, by `secure`: serialised once, as only the value changes between readers. */
const meterCookieAttributes = new Map<boolean, string>();

/**
 * The Set-Cookie value for a meter: the value (only [A-Za-z0-9._-], which the cookie serialiser would
 * leave as it is) and the attributes the serialiser wrote once for this `secure`.
 */
function meterSetCookie(value: string, secure: boolean): string {
  let attributes = meterCookieAttributes.get(secure);
  if (attributes === undefined) {
    const sample = fastifyCookie.serialize(METER_COOKIE, 'v', {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: METER_COOKIE_MAX_AGE_S,
    });
    attributes = sample.slice(`${METER_COOKIE}=v`.length);
    meterCookieAttributes.set(secure, attributes);
  }
  return `${METER_COOKIE}=${value}${attributes}`;
}
