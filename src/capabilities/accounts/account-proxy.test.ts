import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import {
  fixedClock,
  publishLegal,
  signedUpReader,
  TestBrowser,
} from '../../../test/support/account-test-kit.js';
import { buildTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';

/** A browser whose requests reach Masthead through a proxy that names the reader's address. */
class ProxiedBrowser extends TestBrowser {
  readerAddress = '198.51.100.77';
  override get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return super.get(url, { 'x-forwarded-for': this.readerAddress, ...headers });
  }
  override post(
    url: string,
    fields: Record<string, string | string[] | undefined>,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return super.post(url, fields, { 'x-forwarded-for': this.readerAddress, ...headers });
  }
}

describeEachDialect('readers behind a proxy', (t) => {
  async function signUpThroughProxy(env: Record<string, string>) {
    const clock = fixedClock(TEST_NOW);
    const { app, deps } = await buildTestApp(t.database, { clock, env });
    await publishLegal(deps);
    const browser = new ProxiedBrowser(app, clock, '10.1.2.3');
    const reader = await signedUpReader(browser, deps, 'proxied@example.com');
    const consent = await t.database.db
      .selectFrom('consents')
      .select('ip_hash')
      .where('reader_id', '=', reader.id)
      .executeTakeFirstOrThrow();
    return { deps, ipHash: consent.ip_hash };
  }

  it('records the address the trusted proxy names (TRUST_PROXY), not the proxy’s own', async () => {
    const { deps, ipHash } = await signUpThroughProxy({ TRUST_PROXY: '10.0.0.0/8' });
    expect(ipHash).toBe(deps.keys.mac('address-hash', '198.51.100.77'));
  });

  it('ignores X-Forwarded-For unless the operator trusts the proxy, so readers cannot forge it', async () => {
    const { deps, ipHash } = await signUpThroughProxy({});
    expect(ipHash).toBe(deps.keys.mac('address-hash', '10.1.2.3'));
  });
});
