import type { Page } from '@playwright/test';
import { expect, pairUp, person, signUp, test } from './fixtures';

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
	// The suggestions are built when the person comes to type, not while the page starts.
	const suggestions = page.locator(`datalist#${await field.getAttribute('list')} option`);
	await expect(suggestions).toHaveCount(0);
	await field.focus();
	await expect.poll(() => suggestions.count()).toBeGreaterThan(300);

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

/** Sideways scrolling, and anything (the tab bar's labels included) wider than its box. */
async function overflowAt(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const root = document.documentElement;
		if (root.scrollWidth > root.clientWidth)
			problems.push(`page is ${root.scrollWidth}px wide in ${root.clientWidth}px`);
		for (const el of document.querySelectorAll<HTMLElement>('main *, header *, nav *')) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 || getComputedStyle(el).position === 'absolute') continue;
			if (box.right > root.clientWidth + 0.5 || box.left < -0.5)
				problems.push(
					`${el.tagName.toLowerCase()}.${el.className} sticks out (${box.left}–${box.right})`
				);
		}
		for (const label of document.querySelectorAll<HTMLElement>('nav.tabs a')) {
			if (label.scrollWidth > label.clientWidth + 0.5)
				problems.push(
					`tab "${label.textContent?.trim()}" is cut (${label.scrollWidth} > ${label.clientWidth})`
				);
		}
		return problems.slice(0, 5);
	});
}

/** Each control's border against what is behind it (the control's own background, and the page's). */
async function weakBorders(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const rgb = (c: string) => {
			const [r, g, b, a = 1] = (c.match(/[\d.]+/g) ?? []).map(Number);
			return { r: r!, g: g!, b: b!, a };
		};
		const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
			const f = (v: number) => {
				const c = v / 255;
				return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
			};
			return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
		};
		const ratio = (a: string, b: string) => {
			const [x, y] = [lum(rgb(a)), lum(rgb(b))];
			return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
		};
		const behind = (el: Element | null): string => {
			for (let node = el; node; node = node.parentElement) {
				const bg = getComputedStyle(node).backgroundColor;
				if (rgb(bg).a > 0) return bg;
			}
			return getComputedStyle(document.body).backgroundColor;
		};
		const problems: string[] = [];
		const controls = document.querySelectorAll<HTMLElement>(
			'input:not([type=hidden]):not([type=radio]):not([type=checkbox]), select, textarea, .choice, button.secondary, .button.secondary'
		);
		for (const el of controls) {
			const style = getComputedStyle(el);
			if (style.display === 'none' || style.visibility === 'hidden') continue;
			if (parseFloat(style.borderTopWidth) === 0) continue;
			const border = style.borderTopColor;
			const own = behind(el);
			const outside = behind(el.parentElement);
			const worst = Math.min(ratio(border, own), ratio(border, outside));
			if (worst < 3)
				problems.push(`${el.tagName.toLowerCase()}.${el.className}: ${worst.toFixed(2)}:1`);
		}
		return problems;
	});
}

test('at 320 px no page scrolls sideways, tab bar included, control borders reach 3:1 in both themes, and each page has one description', async ({
	page,
	newPerson
}) => {
	test.setTimeout(240_000);
	const sam = await newPerson({ viewport: PHONE });
	const { b } = await pairUp(page, sam);

	// Something on most pages: a card sent, a talk planned, a custom card.
	await page.goto('/cards/send');
	await page
		.getByLabel('Your question')
		.fill('What made you feel most at home this month, and why?');
	await page.getByRole('button', { name: `Send to ${b.name}` }).click();
	await expect(page.getByText(`Sent. ${b.name} can answer whenever`)).toBeVisible();
	const cardUrl = new URL(page.url()).pathname;
	await page.goto('/schedule/new');
	await page
		.getByLabel('Day', { exact: true })
		.fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
	await page.getByLabel('Time', { exact: true }).fill('20:00');
	await page.getByRole('button', { name: `Ask ${b.name}` }).click();
	await expect(page.getByTestId('confirmation')).toBeVisible();
	const planUrl = new URL(page.url()).pathname;
	await page.goto('/history');
	const historyItem = await page.locator('main a[href^="/history/"]').first().getAttribute('href');
	await page.goto('/deck');
	const deckCard = await page
		.locator('main a[href^="/deck/"]:not([href="/deck/new"])')
		.first()
		.getAttribute('href');
	await page.goto('/deck/new?category=play');
	await page
		.getByLabel('Your question')
		.fill('What would a perfect slow Sunday look like for you?');
	await page.getByRole('button', { name: 'Add to our deck' }).click();
	await expect(page.getByText('Your card is in the deck.')).toBeVisible();
	const customCard = await page.locator('a[href^="/deck/custom/"]').getAttribute('href');

	// A question for today: this person's hour is midnight, so it is here at once; Sam's days
	// leave out today, so Sam's /today is the page that says how it works.
	const daily = async (who: Page, days: number[]) => {
		const fields: Record<string, string> = { enabled: 'on', hour: '0', depth: 'light' };
		for (const day of days) fields[`day${day}`] = 'on';
		const origin = new URL(who.url()).origin;
		const saved = await who.request.post('/settings?/daily', {
			form: fields,
			headers: { origin, accept: 'application/json' }
		});
		expect(await saved.json()).toMatchObject({ type: 'success' });
	};
	const samToday = await sam.evaluate(() => new Date().getDay() || 7);
	await daily(
		sam,
		[1, 2, 3, 4, 5, 6, 7].filter((d) => d !== samToday)
	);
	await daily(page, [1, 2, 3, 4, 5, 6, 7]);
	await page.goto('/today');
	await expect(page).toHaveURL(/\/today\/[0-9a-f-]{36}$/);
	const todayUrl = new URL(page.url()).pathname;

	// A live talk, and someone else's invite, still open.
	await page.goto('/talk');
	await page.getByRole('button', { name: 'Start a talk' }).click();
	await expect(page).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	const talkUrl = new URL(page.url()).pathname;
	// A talk side by side and a check-in, with the live talk still open.
	await page.goto('/talk');
	await page.getByTestId('side-start').getByRole('button', { name: 'Start side by side' }).click();
	await expect(page).toHaveURL(/\/talk\/side\/[0-9a-f-]{36}$/);
	const sideUrl = new URL(page.url()).pathname;
	await page.goto('/talk');
	await page.getByRole('button', { name: 'Start our check-in' }).click();
	await expect(page).toHaveURL(/\/checkin\/[0-9a-f-]{36}$/);
	const checkinUrl = new URL(page.url()).pathname;
	const robin = await newPerson({ viewport: PHONE });
	await signUp(robin, person('Robin'));
	await robin.getByRole('button', { name: 'Invite your partner' }).click();
	const invite = new URL(await robin.getByLabel('Invite link').inputValue()).pathname;

	const signedIn = [
		'/',
		'/talk',
		'/cards',
		'/cards/send',
		cardUrl,
		'/history',
		historyItem!,
		'/schedule',
		'/schedule/new',
		planUrl,
		'/deck',
		'/deck/new',
		deckCard!,
		customCard!,
		'/settings',
		'/settings/leave',
		'/settings/delete',
		todayUrl,
		talkUrl,
		sideUrl,
		checkinUrl,
		'/door',
		'/cards/noticed'
	];
	const stranger = await newPerson({ viewport: PHONE });
	const signedOut = ['/', '/login', '/signup', '/join', invite, '/offline'];

	const problems: string[] = [];
	for (const [who, paths] of [
		[page, signedIn],
		[sam, ['/today']],
		[stranger, signedOut]
	] as const) {
		await who.setViewportSize({ width: 320, height: 640 });
		for (const scheme of ['light', 'dark'] as const) {
			await who.emulateMedia({ colorScheme: scheme });
			for (const path of paths) {
				await who.goto(path);
				await who.waitForLoadState('networkidle');
				for (const p of await overflowAt(who)) problems.push(`${path} (${scheme}): ${p}`);
				for (const p of await weakBorders(who)) problems.push(`${path} (${scheme}): ${p}`);
				const descriptions = await who
					.locator('meta[name="description"]')
					.evaluateAll((all) => all.map((m) => m.getAttribute('content') ?? ''));
				if (descriptions.length !== 1 || descriptions[0]!.length < 40)
					problems.push(`${path}: description ${JSON.stringify(descriptions)}`);
			}
		}
		await who.setViewportSize(PHONE);
	}
	expect(problems).toEqual([]);
});

test('public pages have a meta description; pages that need JavaScript say so without it', async ({
	newPerson
}) => {
	const page = await newPerson({ viewport: PHONE });
	for (const path of ['/', '/login', '/signup', '/join']) {
		await page.goto(path);
		const description = await page.locator('meta[name="description"]').getAttribute('content');
		expect(description?.length, path).toBeGreaterThan(40);
	}
	const noScript = await newPerson({ viewport: PHONE, javaScriptEnabled: false });
	await signUpWithoutScript(noScript);
	// Playwright's switch keeps the parser's scripting flag on, so <noscript> is read from the HTML.
	const html = await (await noScript.request.get('/settings')).text();
	expect(html).toMatch(/<noscript[^>]*>\s*<p[^>]*>Notifications need JavaScript/);
});

async function signUpWithoutScript(page: Page) {
	const who = person('Ola');
	await page.goto('/signup');
	await page.getByLabel('Your name').fill(who.name);
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await page.getByLabel('Your time zone').fill('Europe/Oslo');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name: `Hi ${who.name}` })).toBeVisible();
}
