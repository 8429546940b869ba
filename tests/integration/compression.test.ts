import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../helpers/http';
import { removeDb, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let cookie = '';

beforeAll(async () => {
	server = await startServer();
	const client = new HttpClient(server.url);
	await client.signup({
		name: 'Zia',
		email: `zia-${crypto.randomUUID()}@example.com`,
		password: 'a calm password',
		timeZone: 'Europe/Lisbon'
	});
	cookie = client.cookie;
});
afterAll(async () => {
	await server.stop();
	await removeDb(server.dbPath);
});

/** A raw GET (fetch would decode the body and hide what came over the wire). */
function rawGet(
	path: string,
	headers: Record<string, string>
): Promise<{
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}> {
	return new Promise((done, fail) => {
		const req = request(`${server.url}${path}`, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
		});
		req.on('error', fail);
		req.end();
	});
}

function decode(encoding: string | undefined, body: Buffer): string {
	if (encoding === 'br') return brotliDecompressSync(body).toString();
	if (encoding === 'gzip') return gunzipSync(body).toString();
	return body.toString();
}

describe('compression in the Node entry', () => {
	it('a signed-in page (HTML) comes gzip- or brotli-compressed as the browser asks, much smaller', async () => {
		const plain = await rawGet('/settings', { cookie });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();

		for (const encoding of ['br', 'gzip']) {
			const packed = await rawGet('/settings', { cookie, 'accept-encoding': `${encoding}` });
			expect(packed.status).toBe(200);
			expect(packed.headers['content-type']).toContain('text/html');
			expect(packed.headers['content-encoding']).toBe(encoding);
			expect(packed.headers['vary']).toMatch(/accept-encoding/i);
			const html = decode(encoding, packed.body);
			expect(html).toContain('<h1>Settings</h1>');
			expect(packed.body.length).toBeLessThan(plain.body.length / 2);
			// The security headers and the page's CSP are still there.
			expect(packed.headers['content-security-policy']).toContain("default-src 'self'");
			expect(packed.headers['cache-control']).toBe('private, no-store');
		}
	});

	it("a page's data (__data.json) and a JSON export are compressed too", async () => {
		// The deck's data is well over the 1 KB threshold (settings' is under it, and stays plain).
		const data = await rawGet('/deck/__data.json', {
			cookie,
			'accept-encoding': 'gzip, deflate, br'
		});
		expect(data.status).toBe(200);
		expect(data.headers['content-type']).toContain('application/json');
		expect(data.headers['content-encoding']).toBe('br');
		expect(JSON.parse(decode('br', data.body))).toHaveProperty('type', 'data');

		const exported = await rawGet('/settings/export.json', { cookie, 'accept-encoding': 'gzip' });
		expect(exported.status).toBe(200);
		expect(exported.headers['content-encoding']).toBe('gzip');
		expect(decode('gzip', exported.body)).toContain('Zia');
	});

	it('a cross-site request is answered uncompressed (no size side channel for a secret)', async () => {
		const response = await rawGet('/settings', {
			cookie,
			'accept-encoding': 'gzip, br',
			'sec-fetch-site': 'cross-site'
		});
		expect(response.status).toBe(200);
		expect(response.headers['content-encoding']).toBeUndefined();
		expect(response.body.toString()).toContain('<h1>Settings</h1>');
	});

	it("Socket.io's path is left alone", async () => {
		const response = await rawGet('/socket.io/?EIO=4&transport=polling', {
			cookie,
			'accept-encoding': 'gzip, br',
			origin: server.url
		});
		expect(response.headers['content-encoding']).toBeUndefined();
		expect(response.body.toString()).toMatch(/^0\{"sid"/);
	});
});
