import type { Page } from '@playwright/test';
import { expect, person, signUp, test } from './fixtures';

const PHONE = { width: 360, height: 740 };
test.use({ viewport: PHONE });

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Waits until the service worker is installed (the shell cached) and controls this page. */
async function controlledByServiceWorker(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
		.toBe(true);
}

test('Hearth is installable: a valid manifest, PNG icons of the stated sizes, apple-touch-icon', async ({
	page,
	request
}) => {
	await page.goto('/');
	const head = page.locator('head');
	await expect(head.locator('link[rel="manifest"]')).toHaveAttribute(
		'href',
		'/manifest.webmanifest'
	);
	await expect(head.locator('meta[name="viewport"]')).toHaveAttribute(
		'content',
		/viewport-fit=cover/
	);
	const appleHref = await head.locator('link[rel="apple-touch-icon"]').getAttribute('href');

	const response = await request.get('/manifest.webmanifest');
	expect(response.ok()).toBe(true);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = (await response.json()) as {
		name: string;
		short_name: string;
		start_url: string;
		scope: string;
		display: string;
		theme_color: string;
		background_color: string;
		icons: { src: string; sizes: string; type: string; purpose?: string }[];
	};
	expect(manifest).toMatchObject({
		name: 'Hearth',
		short_name: 'Hearth',
		start_url: '/',
		scope: '/',
		display: 'standalone'
	});
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

	const icons = [
		...manifest.icons,
		{ src: appleHref!, sizes: '180x180', type: 'image/png', purpose: 'apple' },
		{ src: '/icons/badge-96.png', sizes: '96x96', type: 'image/png', purpose: 'badge' }
	];
	for (const purpose of ['any', 'maskable']) {
		for (const size of ['192x192', '512x512']) {
			expect(icons.some((i) => i.purpose === purpose && i.sizes === size)).toBe(true);
		}
	}
	for (const icon of icons) {
		expect(icon.type).toBe('image/png');
		const file = await request.get(icon.src);
		expect(file.ok(), icon.src).toBe(true);
		expect(file.headers()['content-type']).toBe('image/png');
		const { width, height } = pngSize(await file.body());
		expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
	}
});

test('offline, a page or a tab shows the kind offline page, and comes back when online', async ({
	page,
	context
}) => {
	await signUp(page, person('Noor'));
	await page.getByRole('link', { name: 'History', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
	await controlledByServiceWorker(page);

	await context.setOffline(true);
	// Tapping a tab mid-way stays in Hearth.
	await page.getByRole('link', { name: 'Cards', exact: true }).click();
	await expect(page.getByRole('heading', { name: "You're offline for the moment" })).toBeVisible();
	// A reload, or a link opened fresh, too.
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: "You're offline for the moment" })).toBeVisible();
	await expect(page).toHaveURL(/\/settings$/);
	// Styled by the app's own (cached) stylesheet.
	const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	expect(background).not.toBe('rgba(0, 0, 0, 0)');

	await context.setOffline(false);
	await page.getByRole('link', { name: 'Try again' }).click();
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('after browsing signed in, Cache Storage holds only the app shell — nothing private', async ({
	page
}) => {
	const who = person('Ines');
	await signUp(page, who);
	await controlledByServiceWorker(page);
	for (const tab of ['Talk', 'Cards', 'History', 'Settings', 'Home']) {
		await page.getByRole('link', { name: tab, exact: true }).click();
		await page.waitForLoadState('networkidle');
	}
	await page.goto('/settings');
	await page.goto('/history');

	const stored = await page.evaluate(async () => {
		const entries: { url: string; type: string; body: string }[] = [];
		for (const key of await caches.keys()) {
			const cache = await caches.open(key);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				entries.push({
					url: request.url,
					type: response?.headers.get('content-type') ?? '',
					body: (await response?.text()) ?? ''
				});
			}
		}
		return entries;
	});
	expect(stored.length).toBeGreaterThan(5);
	const offline = stored.filter((e) => new URL(e.url).pathname === '/offline');
	expect(offline).toHaveLength(1);
	for (const entry of stored) {
		const path = new URL(entry.url).pathname;
		const shell =
			path.startsWith('/_app/') ||
			path === '/offline' ||
			path === '/service-worker.js' ||
			/^\/(favicon\.svg|apple-touch-icon\.png|manifest\.webmanifest|icons\/[\w-]+\.png)$/.test(
				path
			);
		expect(shell, `cached: ${path}`).toBe(true);
		expect(path).not.toContain('__data.json');
		expect(entry.body).not.toContain(who.name);
		expect(entry.body).not.toContain(who.email);
	}
});

test('on an iPhone in Safari, the push toggle explains how to get notifications', async ({
	newPerson
}) => {
	const phone = await newPerson({
		viewport: PHONE,
		userAgent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
	});
	// Safari offers no PushManager to a page that is not an installed web app.
	await phone.context().addInitScript(() => {
		delete (window as { PushManager?: unknown }).PushManager;
	});
	await signUp(phone, person('Remy'));
	await phone.getByRole('link', { name: 'Settings', exact: true }).click();
	await expect(
		phone.getByText('Add Hearth to your Home Screen to get notifications', { exact: false })
	).toBeVisible();
	await expect(phone.getByText("This browser doesn't support notifications.")).toHaveCount(0);
});

test('without JavaScript, signing up asks for the time zone instead of quietly using UTC', async ({
	newPerson
}) => {
	const page = await newPerson({ viewport: PHONE, javaScriptEnabled: false });
	const who = person('Tove');
	await page.goto('/signup');
	await expect(page.getByLabel('Your time zone')).toHaveValue('');
	await page.getByLabel('Your name').fill(who.name);
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	// The field is required; submitting past the browser's own check still gets a kind answer.
	await page.getByLabel('Your time zone').evaluate((input) => input.removeAttribute('required'));
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('Please choose a time zone from the list')).toBeVisible();
	await expect(page.getByLabel('Your name')).toHaveValue(who.name);

	await page.getByLabel('Password').fill(who.password);
	await page.getByLabel('Your time zone').fill('lisbon');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name: `Hi ${who.name}` })).toBeVisible();
	await page.goto('/settings');
	await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Lisbon');
});

test('the time-zone field is searchable, and the page no longer carries every zone', async ({
	page
}) => {
	await signUp(page, person('Kai'));
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	const field = page.getByLabel('Time zone', { exact: true });
	await expect(field).toHaveAttribute('list', /.+/);
	const suggestions = await page
		.locator(`datalist#${await field.getAttribute('list')} option`)
		.count();
	expect(suggestions).toBeGreaterThan(300);

	await field.fill('Tokyo');
	await page.getByRole('button', { name: 'Save time zone' }).click();
	await expect(page.getByText('Time zone saved.')).toBeVisible();
	await page.reload();
	await expect(field).toHaveValue('Asia/Tokyo');

	await field.fill('Atlantis');
	await page.getByRole('button', { name: 'Save time zone' }).click();
	await expect(page.getByText('Please choose a time zone from the list')).toBeVisible();

	const html = await (await page.request.get('/settings')).text();
	const data = await (await page.request.get('/settings/__data.json')).text();
	for (const body of [html, data]) {
		expect(body).not.toContain('Africa/Abidjan');
		expect(body).not.toContain('Pacific/Apia');
	}
});
