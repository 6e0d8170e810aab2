import { describe, expect, it } from 'vitest';
import { clientAddressResolver, resolveClientAddress, type AddressSettings } from './client-address';

const direct: AddressSettings = { ADDRESS_HEADER: undefined, XFF_DEPTH: 1 };
const xff = (depth = 1): AddressSettings => ({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: depth });
const at = (headers: Record<string, string | string[]>, peer = '10.9.9.9', s: AddressSettings = xff()) =>
	resolveClientAddress(headers, peer, s);

describe('client address', () => {
	it('without ADDRESS_HEADER the connecting address counts and forwarding headers are ignored', () => {
		expect(at({ 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' }, '10.0.0.7', direct)).toEqual({ address: '10.0.0.7' });
		expect(at({}, '::ffff:192.168.1.5', direct).address).toBe('192.168.1.5');
		expect(at({}, '::1', direct).address).toBe('::1');
		expect(resolveClientAddress({}, undefined, direct).address).toBe('unknown');
	});

	it('x-forwarded-for: the entry XFF_DEPTH from the right; what the client wrote further left is ignored', () => {
		expect(at({ 'x-forwarded-for': '203.0.113.7' }).address).toBe('203.0.113.7');
		expect(at({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }).address).toBe('203.0.113.7');
		expect(at({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' }, '10.0.0.1', xff(2)).address).toBe('203.0.113.7');
		// Fewer entries than proxies: the leftmost, which a proxy still wrote.
		expect(at({ 'x-forwarded-for': '203.0.113.7' }, '10.0.0.1', xff(2)).address).toBe('203.0.113.7');
		expect(at({ 'x-forwarded-for': ' 2001:db8::1 ' }).address).toBe('2001:db8::1');
		expect(at({ 'x-forwarded-for': ['6.6.6.6', '203.0.113.9'] }).address).toBe('203.0.113.9');
	});

	it('another header is taken as it is', () => {
		expect(at({ 'x-real-ip': '198.51.100.4' }, '10.0.0.1', { ADDRESS_HEADER: 'x-real-ip', XFF_DEPTH: 1 }).address).toBe('198.51.100.4');
	});

	it('a request without the header, or with garbage in it, counts under its connecting address and says why', () => {
		const missing = at({}, '10.0.0.1');
		expect(missing.address).toBe('10.0.0.1');
		expect(missing.problem).toMatch(/without the x-forwarded-for header/);
		const garbage = at({ 'x-forwarded-for': 'unknown' }, '10.0.0.1');
		expect(garbage.address).toBe('10.0.0.1');
		expect(garbage.problem).toMatch(/does not hold an IP address/);
	});

	it('a proxy problem is reported once, not per request', () => {
		const warnings: string[] = [];
		const resolve = clientAddressResolver(xff(), (m) => warnings.push(m));
		for (let i = 0; i < 5; i++) resolve({}, '10.0.0.1');
		expect(resolve({ 'x-forwarded-for': '203.0.113.7' }, '10.0.0.1')).toBe('203.0.113.7');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/past the proxy\? Counting it under the connecting address 10\.0\.0\.1/);
	});
});
