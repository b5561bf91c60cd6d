import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/**
 * Cloud metadata services (AWS, GCP and Azure at 169.254.169.254; AWS ECS and
 * EKS credentials; Alibaba; AWS over IPv6): refused whatever the deployment allows.
 */
const METADATA_ADDRESSES = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '169.254.170.23',
  '100.100.100.200',
  'fd00:ec2::254',
  'fd00:ec2::23',
]);

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  uniqueLocal: 'a unique-local address',
  reserved: 'a reserved address',
};

/**
 * Why a webhook may not be sent to `address` (an IPv4 or IPv6 literal), or
 * null when it may. Only public unicast addresses pass, unless private ones
 * are allowed; metadata addresses never pass. An IPv4 address written as IPv6
 * (mapped, or NAT64) is judged as the IPv4 address it names.
 */
export function addressRefusal(address: string, allowPrivate: boolean): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const ip = embeddedIpv4(ipaddr.parse(address));
  const normalized = ip.toString();
  if (METADATA_ADDRESSES.has(normalized)) return `${normalized} is a cloud metadata address`;
  if (allowPrivate) return null;
  const range = ip.range();
  if (range === 'unicast') return null;
  return `${normalized} is ${RANGE_NAMES[range] ?? `not a public address (${range})`}`;
}

/** A literal IP host of a URL (`[::1]` included), else null: a name, resolved only when sending. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

function embeddedIpv4(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (ip.kind() === 'ipv4') return ip;
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  const range = v6.range();
  // NAT64 (64:ff9b::/96) and ::a.b.c.d (IPv4-compatible, deprecated) carry an IPv4 address in their last 32 bits.
  const compatible = range === 'unicast' && v6.parts.slice(0, 6).every((part) => part === 0);
  if (range === 'rfc6052' || compatible) {
    const [high, low] = v6.parts.slice(6);
    return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  return v6;
}
