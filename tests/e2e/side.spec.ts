import type { Page } from '@playwright/test';
import { expect, expectAccessible, pairUp, test } from './fixtures';

const PHONE = { width: 360, height: 740 };

/** Records what the page asks the browser to say, instead of saying it. */
async function listenToSpeech(page: Page) {
	await page.addInitScript(() => {
		const spoken: string[] = [];
		(window as unknown as { spoken: string[] }).spoken = spoken;
		Object.defineProperty(window, 'speechSynthesis', {
			configurable: true,
			value: {
				speak: (u: SpeechSynthesisUtterance) => spoken.push(u.text),
				cancel: () => {},
				getVoices: () => []
			}
		});
	});
}
const spoken = (page: Page) =>
	page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);

/** The next step is on screen, reachable without scrolling, and nothing covers it. */
async function expectInReach(page: Page, name: string | RegExp) {
	const button = page.getByTestId('next-step').getByRole('button', { name });
	await expect(button).toBeInViewport({ ratio: 1 });
	await expect(button).toBeEnabled();
	return button;
}

test('one phone for both: cards read aloud, nobody types, and the partner sees it in history', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(90_000);
	await alex.setViewportSize(PHONE);
	await listenToSpeech(alex);
	const sam = await newPerson({ viewport: PHONE });
	await pairUp(alex, sam);

	await alex.goto('/talk');
	const start = alex.getByTestId('side-start');
	await start.getByLabel('Walking').check();
	await start.getByRole('button', { name: 'Start side by side' }).click();
	await expect(alex).toHaveURL(/\/talk\/side\/[0-9a-f-]{36}$/);
	await expect(alex.getByRole('heading', { level: 1 })).toHaveText('Side by side · on a walk');
	// The tab bar steps aside: the next step owns the bottom of the screen.
	await expect(alex.getByRole('navigation', { name: 'Main' })).toBeHidden();
	await expectAccessible(alex);

	// Sam answers first: the card is read aloud, and focus is on it.
	await (await expectInReach(alex, 'Sam')).click();
	const card = alex.getByTestId('card-text');
	await expect(card).toBeVisible();
	const text = (await card.textContent())!.trim();
	await expect(card).toBeFocused();
	await expect.poll(() => spoken(alex)).toEqual([text]);
	await expect(alex.getByTestId('step')).toContainText('Sam answers — out loud');
	await expect(alex.locator('textarea, input[type="text"]')).toHaveCount(0);
	await alex.getByRole('button', { name: 'Read it again' }).click();
	await expect.poll(() => spoken(alex)).toEqual([text, text]);

	await (await expectInReach(alex, 'Sam shared it aloud')).click();
	await expect(alex.getByTestId('step')).toContainText('Alex, say back what you heard');
	await alex.getByRole('button', { name: 'calm' }).click();
	await expect(alex.getByRole('button', { name: 'calm' })).toHaveAttribute('aria-pressed', 'true');
	await expectAccessible(alex);
	await (await expectInReach(alex, 'Alex said it back')).click();
	await expect(alex.getByTestId('step')).toContainText('Sam, was that it?');
	await expect(alex.getByTestId('step')).toContainText('Alex heard: calm');
	await (await expectInReach(alex, "Yes, that's it")).click();
	await expect(alex.getByTestId('step')).toContainText('Alex answers the next one.');
	await expect(alex.getByTestId('announcer')).toHaveText('Heard.');

	// The next card: Alex's turn; "Another card" passes it without a trace.
	await (await expectInReach(alex, 'Next card')).click();
	await expect(alex.getByTestId('step')).toContainText('Alex answers — out loud');
	const passed = (await alex.getByTestId('card-text').textContent())!.trim();
	await (await expectInReach(alex, 'Another card')).click();
	await (await expectInReach(alex, 'Next card')).click();
	await expect(alex.getByTestId('card-text')).not.toHaveText(passed);
	await expect.poll(async () => (await spoken(alex)).length).toBe(4);

	await alex.getByTestId('next-step').getByRole('button', { name: 'End' }).click();
	await (await expectInReach(alex, 'End it')).click();
	await expect(alex.getByRole('heading', { name: 'Your talk side by side' })).toBeVisible();
	await expect(alex.getByText(text)).toBeVisible();
	await expect(alex.getByText('Sam answered; Alex heard it — calm.')).toBeVisible();
	await expectAccessible(alex);

	// Sam, on their own phone later: the cards and the confirmation, no passed card, no words.
	await sam.goto('/history');
	await sam.getByText(text).click();
	await expect(sam.getByRole('heading', { level: 1 })).toContainText('A talk side by side');
	const transcript = sam.getByTestId('transcript');
	await expect(transcript).toContainText('You shared it aloud');
	await expect(transcript).toContainText("You: “Yes, that's it”");
	await expect(transcript).not.toContainText(passed);
	const scrollWidth = await sam.evaluate(() => document.documentElement.scrollWidth);
	expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
});

test("a walk's pace: the next card comes only when both tap Ready", async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(60_000);
	await listenToSpeech(alex);
	const sam = await newPerson();
	await pairUp(alex, sam);
	await alex.goto('/talk');
	const start = alex.getByTestId('side-start');
	await start.getByLabel('Cooking').check();
	await start.getByLabel("A walk's pace").check();
	await start.getByRole('button', { name: 'Start side by side' }).click();
	await expect(alex.getByTestId('step')).toContainText(
		"The next card comes when you're both ready."
	);
	await alex.getByRole('button', { name: 'Alex: ready' }).click();
	await expect(alex.getByRole('button', { name: 'Alex is ready' })).toBeDisabled();
	await expect(alex.getByTestId('card-text')).toHaveCount(0);
	await alex.getByRole('button', { name: 'Sam: ready' }).click();
	// The second "ready" brings the card, made for what they are doing.
	await expect(alex.getByTestId('card-text')).toBeVisible();
	await expect(alex.locator('.question .meta')).toContainText('Side by side');
	await expect.poll(async () => (await spoken(alex)).length).toBe(1);
	await expectAccessible(alex);
});
