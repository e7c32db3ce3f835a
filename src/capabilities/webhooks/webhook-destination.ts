import { promises as dns } from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to every address it has (A and AAAA), as dns.promises.lookup with all: true. */
export type Lookup = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export interface DestinationOptions {
  /** The operator's MASTHEAD_WEBHOOKS_ALLOW_PRIVATE: skip the address check entirely. */
  allowPrivate: boolean;
  /** Injected by tests; the system resolver otherwise. */
  lookup?: Lookup;
}

export type DestinationCheck =
  | { ok: true; addresses: string[] }
  | { ok: false; reason: 'private'; message: string }
  | { ok: false; reason: 'unresolved'; message: string };

const systemLookup: Lookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** IPv6 global unicast (RFC 4291); anything outside it is reserved or unallocated. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * True only for a public unicast address. Loopback, private (RFC 1918), link-local (cloud metadata
 * at 169.254.169.254), unique-local, CGNAT, multicast, unspecified, broadcast, documentation and
 * every other special range is refused; an IPv4-mapped IPv6 address is judged as the IPv4 inside.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  if (ip.range() !== 'unicast') return false;
  return ip.kind() === 'ipv4' || (ip as ipaddr.IPv6).match(GLOBAL_UNICAST);
}

/**
 * Where a webhook URL leads: refused when ANY address of its host is not public, so a name that
 * resolves to both a public and an internal address cannot be used to reach the internal one.
 * Checked when the webhook is saved and again before every delivery (DNS may have changed since).
 */
export async function checkDestination(url: URL, options: DestinationOptions): Promise<DestinationCheck> {
  // URL keeps IPv6 literals in brackets ("[::1]"); the resolver wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = (await (options.lookup ?? systemLookup)(host)).map((a) => a.address);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, reason: 'unresolved', message: `The host ${host} could not be resolved (${code}).` };
  }
  if (addresses.length === 0) {
    return { ok: false, reason: 'unresolved', message: `The host ${host} has no addresses.` };
  }
  if (options.allowPrivate) return { ok: true, addresses };
  // The refusal names only the host as given: echoing what it resolves to would map the internal
  // network for whoever tries names one by one.
  if (addresses.some((address) => !isPublicAddress(address))) {
    return {
      ok: false,
      reason: 'private',
      message:
        `The host ${host} resolves to a private address; webhooks may only reach the public internet ` +
        '(an operator can allow private addresses with MASTHEAD_WEBHOOKS_ALLOW_PRIVATE=true).',
    };
  }
  return { ok: true, addresses };
}
