import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Config } from '../../config.js';

/** Fastify's form of TRUST_PROXY: a hop count trusts that many hops nearest to us (proxy-addr). */
export function trustedProxies(
  setting: Config['trustProxy'],
): boolean | string[] | ((_: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return [...setting];
}

/**
 * The client's address of a request Fastify never sees (a WebSocket upgrade), found exactly as Fastify
 * finds `request.ip` (the same proxy-addr, the same TRUST_PROXY), so per-address limits count one client
 * the same way on both paths.
 */
export function clientAddress(request: IncomingMessage, setting: Config['trustProxy']): string {
  const trust = trustedProxies(setting);
  if (trust === false) return request.socket.remoteAddress ?? '';
  return proxyAddr(request, trust === true ? () => true : trust);
}
