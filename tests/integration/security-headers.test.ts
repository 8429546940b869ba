import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couple } from '../helpers/couple';
import { HttpClient } from '../helpers/http';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

/** `default-src 'self'; …` → { 'default-src': ["'self'"], … } */
function directives(header: string | null): Record<string, string[]> {
	expect(header).toBeTruthy();
	return Object.fromEntries(
		header!
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((words) => words[0])
			.map(([name, ...values]) => [name!, values])
	);
}

function expectCommonHeaders(response: Response) {
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	expect(response.headers.get('referrer-policy')).toBe('same-origin');
	expect(response.headers.get('x-frame-options')).toBe('DENY');
	const permissions = response.headers.get('permissions-policy') ?? '';
	for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
		expect(permissions).toContain(`${feature}=()`);
}

describe('security headers', () => {
	it('a page carries a strict Content-Security-Policy whose nonce matches its one inline script', async () => {
		const response = await new HttpClient(server.url).get('/login');
		expect(response.status).toBe(200);
		expectCommonHeaders(response);
		expect(response.headers.get('strict-transport-security')).toBeNull();

		const csp = directives(response.headers.get('content-security-policy'));
		expect(csp['default-src']).toEqual(["'self'"]);
		expect(csp['style-src']).toEqual(["'self'"]);
		expect(csp['style-src-attr']![0]).toBe("'unsafe-hashes'");
		expect(csp['style-src-attr']!.slice(1).every((s) => /^'sha256-[\w+/=]+'$/.test(s))).toBe(true);
		expect(csp['img-src']).toEqual(["'self'", 'data:']);
		expect(csp['connect-src']).toEqual(["'self'"]);
		for (const name of ['worker-src', 'manifest-src', 'base-uri', 'form-action'])
			expect(csp[name], name).toEqual(["'self'"]);
		expect(csp['object-src']).toEqual(["'none'"]);
		expect(csp['frame-ancestors']).toEqual(["'none'"]);
		expect(JSON.stringify(csp)).not.toMatch(/unsafe-inline|unsafe-eval/);

		const [self, nonce, ...rest] = csp['script-src']!;
		expect(self).toBe("'self'");
		expect(nonce).toMatch(/^'nonce-[\w+/=]+'$/);
		expect(rest).toEqual([]);
		const html = await response.text();
		const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
		expect(scripts.length).toBeGreaterThan(0);
		for (const attributes of scripts)
			expect(attributes).toContain(`nonce="${nonce!.slice(7, -1)}"`);

		// A fresh nonce each time.
		const again = directives(
			(await new HttpClient(server.url).get('/login')).headers.get('content-security-policy')
		);
		expect(again['script-src']![1]).not.toBe(nonce);
	});

	it('downloads and feeds carry the headers and a CSP that lets nothing run, and still work', async () => {
		const { a: client } = await couple(server.url);
		const exports = [
			['/settings/export.json', 'application/json'],
			['/settings/export.md', 'text/markdown']
		] as const;
		for (const [path, type] of exports) {
			const response = await client.get(path);
			expect(response.status, path).toBe(200);
			expect(response.headers.get('content-type')).toContain(type);
			expectCommonHeaders(response);
			expect(response.headers.get('content-security-policy')).toBe(
				"default-src 'none'; frame-ancestors 'none'; sandbox"
			);
			expect((await response.text()).length).toBeGreaterThan(10);
		}
		expect(JSON.parse(await (await client.get('/settings/export.json')).text())).toBeTypeOf(
			'object'
		);

		const made = await client.action('/schedule?/feed', {});
		expect(made.body.type).toBe('success');
		const feed = new URL((made.data as { feedUrl: string }).feedUrl).pathname;
		const calendar = await new HttpClient(server.url).get(feed);
		expect(calendar.status).toBe(200);
		expect(calendar.headers.get('content-type')).toContain('text/calendar');
		expectCommonHeaders(calendar);
		expect(calendar.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(await calendar.text()).toContain('BEGIN:VCALENDAR');
	});

	it('sends HSTS only when the request came over https (a proxy saying so)', async () => {
		const plain = await fetch(`${server.url}/login`);
		expect(plain.headers.get('strict-transport-security')).toBeNull();
		const proxied = await fetch(`${server.url}/login`, {
			headers: { 'x-forwarded-proto': 'https' }
		});
		expect(proxied.headers.get('strict-transport-security')).toBe(
			'max-age=31536000; includeSubDomains'
		);
		// Non-page responses too.
		const endpoint = await fetch(`${server.url}/calendar/nothing-here.ics`, {
			headers: { 'x-forwarded-proto': 'https' }
		});
		expect(endpoint.status).toBe(404);
		expect(endpoint.headers.get('strict-transport-security')).toBe(
			'max-age=31536000; includeSubDomains'
		);
	});

	it('sends HSTS on every response when ORIGIN says the public address is https', async () => {
		const behindTls = await startServer({ env: { ORIGIN: 'https://hearth.example' } });
		try {
			for (const path of ['/login', '/calendar/nothing-here.ics']) {
				const response = await fetch(behindTls.url + path, { redirect: 'manual' });
				expect(response.headers.get('strict-transport-security'), path).toBe(
					'max-age=31536000; includeSubDomains'
				);
			}
		} finally {
			await behindTls.stop();
			await removeDb(behindTls.dbPath);
		}
	});
});
