/**
 * Which network addresses a push may be sent to: public unicast only. A push endpoint is a URL a
 * browser hands us, so without this check the server could be made to connect to itself, to the
 * machines beside it or to a cloud metadata service.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

const blockedV4 = new BlockList();
for (const [network, prefix] of [
	['0.0.0.0', 8], // "this network"
	['10.0.0.0', 8], // private
	['100.64.0.0', 10], // carrier-grade NAT (also Alibaba Cloud's metadata, 100.100.100.200)
	['127.0.0.0', 8], // loopback
	['169.254.0.0', 16], // link-local (cloud metadata, 169.254.169.254)
	['172.16.0.0', 12], // private
	['192.0.0.0', 24], // IETF protocol assignments (Oracle Cloud's metadata, 192.0.0.192)
	['192.0.2.0', 24], // documentation
	['192.88.99.0', 24], // 6to4 relay anycast
	['192.168.0.0', 16], // private
	['198.18.0.0', 15], // benchmarking
	['198.51.100.0', 24], // documentation
	['203.0.113.0', 24], // documentation
	['224.0.0.0', 4], // multicast
	['240.0.0.0', 4] // reserved, and the broadcast address
] as const)
	blockedV4.addSubnet(network, prefix, 'ipv4');
blockedV4.addAddress('168.63.129.16', 'ipv4'); // Azure's platform endpoint: a public address

const globalUnicastV6 = new BlockList();
globalUnicastV6.addSubnet('2000::', 3, 'ipv6');

const blockedV6 = new BlockList();
for (const [network, prefix] of [
	['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID…
	['2001:db8::', 32], // documentation
	['2002::', 16], // 6to4: reaches an IPv4 host through a relay
	['3fff::', 20], // documentation
	['64:ff9b:1::', 48] // local-use NAT64
] as const)
	blockedV6.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address, or null when it is not one (zone ids included). */
function ipv6Groups(address: string): number[] | null {
	if (!isIPv6(address)) return null;
	let canonical: string;
	try {
		canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
	} catch {
		return null;
	}
	// The URL parser writes a trailing IPv4 part in hex, so only hex groups and one "::" remain.
	const [head, tail] = canonical.includes('::') ? canonical.split('::') : [canonical, undefined];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const missing = 8 - left.length - right.length;
	if (tail === undefined ? missing !== 0 : missing < 1) return null;
	const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
	const numbers = groups.map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
	return numbers.some(Number.isNaN) ? null : numbers;
}

function v4From(high: number, low: number): string {
	return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The IPv4 host an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address reaches. */
function embeddedV4(g: number[]): string | null {
	const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
	if (zeros(0, 5) && g[5] === 0xffff) return v4From(g[6]!, g[7]!);
	if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4From(g[6]!, g[7]!);
	return null;
}

/** True only for a public unicast address; anything unparsable counts as not public. */
export function isPublicAddress(address: string): boolean {
	if (isIPv4(address)) return !blockedV4.check(address, 'ipv4');
	const groups = ipv6Groups(address);
	if (!groups) return false;
	const v4 = embeddedV4(groups);
	if (v4 !== null) return isPublicAddress(v4);
	const canonical = groups.map((g) => g.toString(16)).join(':');
	return globalUnicastV6.check(canonical, 'ipv6') && !blockedV6.check(canonical, 'ipv6');
}

export class RefusedAddressError extends Error {
	constructor() {
		super('the push service resolved to an address that is not public');
		this.name = 'RefusedAddressError';
	}
}

/**
 * Resolves a host name and returns one address to connect to, after checking every address the
 * name resolves to: one private answer refuses the whole name. The caller connects to exactly the
 * returned address, so the name cannot be re-pointed between this check and the connection.
 */
export async function resolvePublicAddress(
	hostname: string
): Promise<{ address: string; family: 4 | 6 }> {
	const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
	const answers = await lookup(bare, { all: true, verbatim: true });
	if (answers.length === 0 || !answers.every((a) => isPublicAddress(a.address)))
		throw new RefusedAddressError();
	const first = answers[0]!;
	return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
