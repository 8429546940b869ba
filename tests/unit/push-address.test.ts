import { describe, expect, it } from 'vitest';
import { isPublicAddress, resolvePublicAddress } from '$lib/server/push/address';

describe('the push address check', () => {
	it.each([
		['0.0.0.0', '"this network"'],
		['0.255.1.2', '"this network"'],
		['10.0.0.1', 'private'],
		['10.255.255.255', 'private'],
		['100.64.0.1', 'carrier-grade NAT'],
		['100.127.255.254', 'carrier-grade NAT'],
		['100.100.100.200', 'Alibaba metadata'],
		['127.0.0.1', 'loopback'],
		['127.8.9.10', 'loopback'],
		['169.254.0.1', 'link-local'],
		['169.254.169.254', 'cloud metadata'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.0.1', 'private'],
		['192.168.255.255', 'private'],
		['192.0.0.192', 'Oracle metadata'],
		['168.63.129.16', 'Azure platform endpoint'],
		['192.0.2.1', 'documentation'],
		['198.18.0.1', 'benchmarking'],
		['224.0.0.1', 'multicast'],
		['239.255.255.250', 'multicast'],
		['240.0.0.1', 'reserved'],
		['255.255.255.255', 'broadcast']
	])('refuses IPv4 %s (%s)', (address) => {
		expect(isPublicAddress(address)).toBe(false);
	});

	it.each([
		'8.8.8.8',
		'1.1.1.1',
		'142.250.74.106',
		'172.15.255.255',
		'172.32.0.1',
		'100.63.255.255',
		'100.128.0.1',
		'169.253.255.255',
		'11.0.0.1',
		'223.255.255.254'
	])('allows the public IPv4 address %s', (address) => {
		expect(isPublicAddress(address)).toBe(true);
	});

	it.each([
		['::', 'unspecified'],
		['::1', 'loopback'],
		['0:0:0:0:0:0:0:1', 'loopback, written out'],
		['::127.0.0.1', 'IPv4-compatible'],
		['fe80::1', 'link-local'],
		['febf:ffff::1', 'link-local, top of the range'],
		['fc00::1', 'unique-local'],
		['fd00:ec2::254', 'AWS metadata (unique-local)'],
		['fdff:ffff::1', 'unique-local'],
		['ff02::1', 'multicast'],
		['ff0e::1', 'multicast'],
		['2001:db8::1', 'documentation'],
		['2001::1', 'Teredo'],
		['2002:7f00:1::1', '6to4'],
		['64:ff9b:1::1', 'local-use NAT64'],
		['100::1', 'discard'],
		['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
		['::ffff:7f00:1', 'IPv4-mapped loopback in hex'],
		['0:0:0:0:0:ffff:7f00:0001', 'IPv4-mapped loopback written out'],
		['::FFFF:10.0.0.1', 'IPv4-mapped private, upper case'],
		['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
		['::ffff:192.168.1.1', 'IPv4-mapped private'],
		['::ffff:100.64.0.1', 'IPv4-mapped carrier-grade NAT'],
		['::ffff:0.0.0.0', 'IPv4-mapped "this network"'],
		['::ffff:224.0.0.1', 'IPv4-mapped multicast'],
		['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
		['64:ff9b::a9fe:a9fe', 'NAT64 of the metadata address'],
		['fe80::1%eth0', 'link-local with a zone'],
		['not an address', 'not an address'],
		['', 'empty']
	])('refuses IPv6 %s (%s)', (address) => {
		expect(isPublicAddress(address)).toBe(false);
	});

	it.each([
		'2607:f8b0:4004:c07::5f',
		'2a00:1450:4001:82b::200a',
		'2600:1901:0:92a9::',
		'::ffff:8.8.8.8',
		'::ffff:808:808',
		'64:ff9b::8.8.8.8'
	])('allows the public IPv6 address %s', (address) => {
		expect(isPublicAddress(address)).toBe(true);
	});

	it('refuses a name that resolves to a loopback address', async () => {
		await expect(resolvePublicAddress('localhost')).rejects.toThrow(/not public/);
		await expect(resolvePublicAddress('127.0.0.1')).rejects.toThrow(/not public/);
		await expect(resolvePublicAddress('[::1]')).rejects.toThrow(/not public/);
	});
});
