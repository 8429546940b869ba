import AxeBuilder from '@axe-core/playwright';
import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';

/**
 * Every page a test visits is checked with axe-core: the state each test ends in, plus a fresh
 * load of every URL it passed through. A violation fails the test.
 */
class A11yTracker {
	visited = new Map<string, BrowserContext>();
	contexts: BrowserContext[] = [];

	track(context: BrowserContext) {
		this.contexts.push(context);
		const watch = (page: Page) =>
			page.on('framenavigated', (frame) => {
				if (frame === page.mainFrame() && frame.url().startsWith('http')) {
					const url = new URL(frame.url());
					this.visited.set(url.pathname + url.search, context);
				}
			});
		context.pages().forEach(watch);
		context.on('page', watch);
	}

	async verify() {
		const problems: string[] = [];
		for (const context of this.contexts) {
			for (const page of context.pages()) {
				if (page.isClosed() || !page.url().startsWith('http')) continue;
				problems.push(...(await violations(page)));
			}
		}
		for (const [path, context] of this.visited) {
			let page: Page | undefined;
			try {
				page = await context.newPage();
				await page.goto(path, { waitUntil: 'networkidle' });
				problems.push(...(await violations(page)));
			} catch (error) {
				// A context closed by the test itself can no longer open pages; its current pages were checked.
				if (!String(error).includes('closed')) throw error;
			} finally {
				await page?.close().catch(() => {});
			}
		}
		expect(problems, 'axe-core found accessibility violations').toEqual([]);
	}
}

/**
 * The Content-Security-Policy must never get in a page's way: any violation (the browser's console
 * report, or a `securitypolicyviolation` event in the page, which also catches checks the page
 * handles quietly) fails the test.
 */
class CspWatcher {
	reports: string[] = [];

	async track(context: BrowserContext) {
		context.on('console', (message) => {
			const text = message.text();
			if (text.includes('Content Security Policy') || text.startsWith(CSP_MARK)) {
				const where = message.page()?.url() ?? '';
				this.reports.push(`${where ? new URL(where).pathname : '?'}: ${text}`);
			}
		});
		await context.addInitScript((mark) => {
			document.addEventListener('securitypolicyviolation', (event) => {
				console.error(
					`${mark} ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`
				);
			});
		}, CSP_MARK);
	}

	verify() {
		expect([...new Set(this.reports)], 'Content-Security-Policy violations').toEqual([]);
	}
}
const CSP_MARK = '[securitypolicyviolation]';

/**
 * Lets transitions that end (a chip's colour fading in after a tap) finish, so contrast is measured
 * on what stays on screen rather than on a frame halfway between two colours. Animations that never
 * end (a "writing…" pulse) are left running.
 */
async function settled(page: Page): Promise<void> {
	await page.evaluate(() =>
		Promise.race([
			Promise.all(
				document
					.getAnimations()
					.filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
					.map((a) => a.finished.catch(() => undefined))
			),
			// A paused animation never finishes: measure anyway rather than wait for ever.
			new Promise((resolve) => setTimeout(resolve, 2000))
		])
	);
}

export async function violations(page: Page): Promise<string[]> {
	await settled(page);
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations.map(
		(v) =>
			`${new URL(page.url()).pathname}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/** Checks the page as it is right now (for states a fresh load cannot reach, like mid-talk). */
export async function expectAccessible(page: Page) {
	expect(await violations(page)).toEqual([]);
}

type Fixtures = {
	csp: CspWatcher;
	a11y: A11yTracker;
	/** Another person's browser (its own cookies), tracked for accessibility like the first. */
	newPerson: (options?: BrowserContextOptions) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
	// Set up before the others and checked after them, so the fresh loads a11y makes are watched too.
	csp: [
		async ({ context }, use) => {
			const watcher = new CspWatcher();
			await watcher.track(context);
			await use(watcher);
			watcher.verify();
		},
		{ auto: true }
	],
	a11y: [
		async ({ context, csp: _csp }, use) => {
			const tracker = new A11yTracker();
			tracker.track(context);
			await use(tracker);
			await tracker.verify();
		},
		{ auto: true }
	],
	newPerson: async ({ browser, a11y, csp, baseURL }, use) => {
		const opened: BrowserContext[] = [];
		await use(async (options) => {
			const context = await (browser as Browser).newContext({ baseURL, ...options });
			opened.push(context);
			await csp.track(context);
			a11y.track(context);
			return context.newPage();
		});
		// closed after the a11y fixture has verified (fixtures tear down in reverse order)
		for (const context of opened) await context.close();
	}
});

export { expect };

let people = 0;
export function person(label: string) {
	people += 1;
	const tag = `${Date.now().toString(36)}${people}${Math.random().toString(36).slice(2, 6)}`;
	return {
		name: label,
		email: `${label.toLowerCase()}-${tag}@example.com`,
		password: 'a calm password'
	};
}

export async function signUp(page: Page, who: { name: string; email: string; password: string }) {
	await page.goto('/signup');
	// The form sends the browser's time zone once the page has read it: each person's saved zone
	// is then their browser's (contexts made with `timezoneId` rely on it).
	await expect(page.locator('input[name="timeZone"]')).not.toHaveValue('');
	await page.getByLabel('Your name').fill(who.name);
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { name: `Hi ${who.name}` })).toBeVisible();
}

export async function logIn(page: Page, who: { email: string; password: string }) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(who.password);
	await page.getByRole('button', { name: 'Log in' }).click();
}

/** Two people who share a space, paired through the real invite flow. Returns their names. */
export async function pairUp(first: Page, second: Page, names: [string, string] = ['Alex', 'Sam']) {
	const a = person(names[0]);
	const b = person(names[1]);
	await signUp(first, a);
	await first.getByRole('button', { name: 'Invite your partner' }).click();
	const link = await first.getByLabel('Invite link').inputValue();
	await signUp(second, b);
	await second.goto(link);
	await second.getByRole('button', { name: `Join ${a.name}` }).click();
	await expect(first.getByTestId('partner')).toContainText(b.name);
	return { a, b };
}
