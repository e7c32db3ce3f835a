import type { LightMyRequestResponse } from 'fastify';
import type { ParsedMail } from 'mailparser';
import { base32Decode, hotp, totpStep } from '../../src/capabilities/staff/totp.js';
import type { Deps } from '../../src/deps.js';
import { outboxDir } from '../../src/platform/mail/index.js';
import { buildWorker } from '../../src/worker.js';
import { addressesOf, readOutbox } from './smtp.js';

/** The code an authenticator app shows now for a base32 secret (RFC 6238, by the test's clock). */
export function appCode(deps: Deps, secret: string, stepsAhead = 0): string {
  return hotp(base32Decode(secret), totpStep(deps.clock.now().getTime()) + stepsAhead);
}

/** Runs the queued mail jobs; every outbox message to `to` so far, oldest first. */
export async function mailTo(deps: Deps, to: string): Promise<ParsedMail[]> {
  const worker = buildWorker(deps, { info() {}, warn() {}, error() {} });
  while ((await worker.runDue()) > 0) {}
  return (await readOutbox(outboxDir(deps.config))).filter((m) => addressesOf(m).includes(to));
}

/** A `name=value` cookie header from the cookies a response set. */
export function cookiesOf(res: LightMyRequestResponse, names: readonly string[]): string {
  return res.cookies
    .filter((c) => names.includes(c.name))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}
