import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { SiteKeys } from '../keys/index.js';
import type { RateDecision, RateLimiter, RateRule } from './rate-limit.js';

/** A device stays known this long after its last successful sign-in (each sign-in renews it). */
export const KNOWN_DEVICE_MS = 180 * 24 * 60 * 60_000;

export interface SignInGuardRules {
  /** One address guessing one account. */
  readonly ipAccount: RateRule;
  /** One address, whatever the accounts. */
  readonly ip: RateRule;
  /** One account from devices it has not signed in on: many addresses guessing one account. */
  readonly account: RateRule;
  /** One account from one known device: a copied device cookie still only guesses slowly. */
  readonly device: RateRule;
}

export type SignInGuardDecision =
  | {
      ok: true;
      /** The request carried this account's known-device cookie. */
      knownDevice: boolean;
      /**
       * The account's own limit is full and this device is not known to it: someone is guessing this
       * account from many addresses. The caller must not answer whether the password was right; it
       * asks for a code mailed to the account instead (and mails one only when it was right).
       */
      accountBusy: boolean;
    }
  | Extract<RateDecision, { ok: false }>;

export interface SignInGuard {
  /** Counts one password attempt; see SignInGuardDecision. */
  attempt(input: {
    ip: string;
    account: string;
    deviceCookie: string | undefined;
  }): Promise<SignInGuardDecision>;
  /** A successful sign-in clears that address's count for that account. */
  succeeded(input: { ip: string; account: string }): Promise<void>;
  /** A new known-device cookie value for `account`: set it at each successful sign-in. */
  deviceCookie(account: string): string;
}

/**
 * Per-account limits that slow a guesser without locking out the real person (ADR 0015). A
 * stranger's failed attempts fill the account's counter, but that counter only holds back devices the
 * account has never signed in on: the device cookie (`nonce.issued.mac`, signed with the site key
 * `known-device` and bound to one account) lets its owner through, counted per device instead. A
 * new device while the account is under attack gets `accountBusy`, and the capability asks for a
 * mailed code. Per-address limits hold for everyone.
 *
 * `kind` separates staff and reader cookies; `account` is whatever stable name the capability
 * gives the account (a normalised address or a keyed hash of it).
 */
export function createSignInGuard(
  deps: { rateLimiter: RateLimiter; keys: SiteKeys; clock: Clock },
  kind: 'staff' | 'reader',
  rules: SignInGuardRules,
): SignInGuard {
  const { rateLimiter: limiter, keys, clock } = deps;
  const sign = (account: string, nonce: string, issued: string) =>
    keys.mac('known-device', `${kind}\n${account}\n${nonce}\n${issued}`);

  /** The cookie's nonce when it is a valid, live cookie for this account; null otherwise. */
  function knownNonce(cookie: string | undefined, account: string): string | null {
    const [nonce, issued, mac, extra] = (cookie ?? '').split('.');
    if (!nonce || !issued || !mac || extra !== undefined) return null;
    const expected = Buffer.from(sign(account, nonce, issued));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const age = clock.now().getTime() - Number(issued);
    return age >= 0 && age < KNOWN_DEVICE_MS ? nonce : null;
  }

  return {
    async attempt({ ip, account, deviceCookie }) {
      const nonce = knownNonce(deviceCookie, account);
      // An IP address holds no newline, so no other pair makes the same subject.
      const perAddress = [
        { rule: rules.ipAccount, subject: `${ip}\n${account}` },
        { rule: rules.ip, subject: ip },
      ];
      const perAccount =
        nonce === null
          ? { rule: rules.account, subject: account }
          : { rule: rules.device, subject: `${nonce}\n${account}` };
      const decision = await limiter.hit([...perAddress, perAccount]);
      if (decision.ok) return { ok: true, knownDevice: nonce !== null, accountBusy: false };
      if (decision.rule !== rules.account.name) return decision;
      // A refused hit counts nowhere, so the per-address limits are counted on their own.
      const addressOnly = await limiter.hit(perAddress);
      return addressOnly.ok ? { ok: true, knownDevice: false, accountBusy: true } : addressOnly;
    },
    succeeded: ({ ip, account }) => limiter.reset(rules.ipAccount, `${ip}\n${account}`),
    deviceCookie(account) {
      const nonce = randomBytes(12).toString('base64url');
      const issued = String(clock.now().getTime());
      return `${nonce}.${issued}.${sign(account, nonce, issued)}`;
    },
  };
}
