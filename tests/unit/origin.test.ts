import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isSameOrigin } from '$lib/server/realtime/origin';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('socket origin check', () => {
	it('accepts the page’s own origin', () => {
		expect(
			isSameOrigin(request({ host: 'localhost:3000', origin: 'http://localhost:3000' }), '')
		).toBe(true);
	});
	it('refuses another site', () => {
		expect(
			isSameOrigin(request({ host: 'localhost:3000', origin: 'https://evil.example' }), '')
		).toBe(false);
		expect(
			isSameOrigin(request({ host: 'localhost:3000', origin: 'http://localhost:3001' }), '')
		).toBe(false);
		expect(isSameOrigin(request({ host: 'localhost:3000', origin: 'null' }), '')).toBe(false);
	});
	it('uses ORIGIN when configured', () => {
		const req = request({ host: 'internal:3000', origin: 'https://hearth.example' });
		expect(isSameOrigin(req, 'https://hearth.example')).toBe(true);
		expect(
			isSameOrigin(
				request({ host: 'internal:3000', origin: 'http://internal:3000' }),
				'https://hearth.example'
			)
		).toBe(false);
	});
	it('refuses requests a browser marks as cross-site even without an Origin', () => {
		expect(
			isSameOrigin(request({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }), '')
		).toBe(false);
		expect(
			isSameOrigin(request({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }), '')
		).toBe(true);
	});
});
