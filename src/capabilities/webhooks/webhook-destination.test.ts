import { describe, expect, it } from 'vitest';
import { checkDestination, isPublicAddress, type Lookup } from './webhook-destination.js';

const resolvesTo =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('isPublicAddress', () => {
  it('accepts public unicast addresses of both families', () => {
    for (const ip of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(ip), ip).toBe(true);
    }
  });

  it('refuses every internal, special or malformed address', () => {
    const refused = [
      '127.0.0.1', // loopback
      '127.255.0.9',
      '10.0.0.1', // private
      '172.16.4.4',
      '192.168.1.1',
      '169.254.169.254', // link-local: cloud metadata
      '100.64.0.1', // CGNAT
      '0.0.0.0', // unspecified
      '224.0.0.1', // multicast
      '255.255.255.255', // broadcast
      '192.0.2.10', // documentation
      '::1',
      '::',
      'fe80::1',
      'fc00::1', // unique-local
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1', // IPv4-mapped loopback
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::a00:1', // NAT64 of 10.0.0.1
      '2002:a00:1::1', // 6to4
      '2001:db8::1', // documentation
      '::7f00:1', // IPv4-compatible, outside global unicast
      'not an address',
      '',
    ];
    for (const ip of refused) expect(isPublicAddress(ip), ip).toBe(false);
  });
});

describe('checkDestination', () => {
  const url = new URL('https://hooks.example.com/masthead');

  it('passes a host whose every address is public', async () => {
    const check = await checkDestination(url, { allowPrivate: false, lookup: resolvesTo('93.184.215.14') });
    expect(check).toEqual({ ok: true, addresses: ['93.184.215.14'] });
  });

  it('refuses a host with ANY internal address, naming the host but never the address', async () => {
    const check = await checkDestination(url, {
      allowPrivate: false,
      lookup: resolvesTo('93.184.215.14', '10.1.2.3'),
    });
    expect(check).toMatchObject({ ok: false, reason: 'private' });
    if (!check.ok) {
      expect(check.message).toContain('hooks.example.com resolves to a private address');
      expect(check.message).not.toContain('10.1.2.3');
      expect(check.message).not.toContain('93.184.215.14');
    }
  });

  it('lets the operator allow private addresses', async () => {
    const check = await checkDestination(url, { allowPrivate: true, lookup: resolvesTo('10.1.2.3') });
    expect(check.ok).toBe(true);
  });

  it('reports a host that does not resolve', async () => {
    const lookup: Lookup = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(await checkDestination(url, { allowPrivate: false, lookup })).toMatchObject({
      ok: false,
      reason: 'unresolved',
    });
    expect(await checkDestination(url, { allowPrivate: false, lookup: resolvesTo() })).toMatchObject({
      ok: false,
      reason: 'unresolved',
    });
  });

  it('resolves IPv6 literals without their brackets, with the system resolver', async () => {
    const check = await checkDestination(new URL('http://[::1]:8080/'), { allowPrivate: false });
    expect(check).toMatchObject({ ok: false, reason: 'private' });
    if (!check.ok) expect(check.message).toContain('::1');
    // The URL parser rewrites ::ffff:127.0.0.1 to ::ffff:7f00:1; still the loopback inside.
    const mapped = await checkDestination(new URL('http://[::ffff:127.0.0.1]/'), { allowPrivate: false });
    expect(mapped).toMatchObject({ ok: false, reason: 'private' });
  });
});
