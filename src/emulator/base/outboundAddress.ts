/**
 * Which addresses the emulator may send an event to. A callback URL is whatever an API client
 * configured, so without a check the emulator would POST wherever it is told: to the cloud
 * metadata address, a router's admin page, any host of the local network (server-side request
 * forgery). Allowed: loopback (a local receiver, the toolkit's inbox) and public unicast
 * addresses. Refused: private (RFC 1918, IPv6 unique local), link-local (169.254/16, the metadata
 * services; fe80::/10), shared CGNAT space, unspecified, multicast, broadcast and reserved ranges.
 * Checked on the address a name resolves to, when the connection is made (outbound.ts).
 */
import { BlockList, isIP } from 'node:net';

const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  refused.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  refused.addSubnet(network, prefix, 'ipv6');
}

/** 127.0.0.0/8 and ::1 (also written as IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string): boolean {
  const plain = unmapped(address);
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** `::ffff:10.0.0.1` is 10.0.0.1. */
function unmapped(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

export type AddressVerdict = { ok: true; loopback: boolean } | { ok: false; reason: string };

/** Whether an event may be sent to this IP address (a literal, not a name). */
export function outboundAddressVerdict(address: string): AddressVerdict {
  const plain = unmapped(address);
  const family = isIP(plain);
  if (family === 0) return { ok: false, reason: 'not an IP address' };
  if (isLoopbackAddress(plain)) return { ok: true, loopback: true };
  if (refused.check(plain, family === 4 ? 'ipv4' : 'ipv6')) {
    return { ok: false, reason: 'a private, link-local, multicast or reserved address, which the emulator does not call (only loopback and public addresses)' };
  }
  return { ok: true, loopback: false };
}
