import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, pairUp, test } from './fixtures';

const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

/** Turns "A question for today" on in settings, at this hour on the person's own clock. */
async function turnOn(page: Page, hour: number, depth: 'Light' | 'Personal' | 'Vulnerable') {
	await page.goto('/settings');
	const section = page.locator('section', {
		has: page.getByRole('heading', { name: 'A question for today' })
	});
	await expect(
		section.getByText("It starts once you've both turned it on.", { exact: false })
	).toBeVisible();
	await section.getByLabel('Send me a question for today').check();
	await section.getByLabel('At', { exact: true }).selectOption(String(hour));
	// Every day is ticked already; the depth is light unless chosen otherwise.
	await expect(section.getByLabel('Sunday')).toBeChecked();
	await expect(section.getByLabel('How deep it may go, at most')).toHaveValue('light');
	await section.getByLabel('How deep it may go, at most').selectOption({ label: depth });
	await section.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(section.getByRole('status')).toHaveText('Saved.');
}

test('a question for today in two zones: both opt in, the same question at each one’s hour, "not today", answers together', async ({
	newPerson
}) => {
	test.setTimeout(120_000);
	const alex = await newPerson({ timezoneId: NY });
	const sam = await newPerson({ timezoneId: TOKYO, viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);

	// Each chooses the hour it is now on their own clock: due at once, at their own hour.
	await turnOn(alex, DateTime.now().setZone(NY).hour, 'Vulnerable');
	await alex.goto('/');
	await expect(alex.getByTestId('today-notice')).toHaveCount(0); // Sam has not turned it on yet
	await alex.goto('/today');
	await expect(alex.getByTestId('today-calm')).toBeVisible();
	await alex.goto('/');

	await turnOn(sam, DateTime.now().setZone(TOKYO).hour, 'Light');
	// Alex, on Home, gets the calm line live; Sam sees it on the next page.
	await expect(alex.getByTestId('today-notice')).toContainText("Today's question is here");
	await sam.goto('/');
	await expect(sam.getByTestId('today-notice')).toBeVisible();
	await expectAccessible(sam);

	await alex.getByRole('link', { name: "Today's question is here" }).click();
	await sam.getByRole('link', { name: "Today's question is here" }).click();
	await expect(alex).toHaveURL(/\/today\/[0-9a-f-]{36}$/);
	await expect(sam).toHaveURL(new URL(alex.url()).pathname);
	const question = await alex.getByTestId('card-text').textContent();
	await expect(sam.getByTestId('card-text')).toHaveText(question!);
	// The lighter of the two choices: Sam asked for light.
	await expect(alex.locator('article.question')).toHaveAttribute('data-depth', 'light');

	// Alex: not today. Nothing on Sam's side changes, now or after a reload.
	const samBefore = await sam.locator('main').innerText();
	await alex.getByRole('button', { name: 'Not today' }).click();
	await expect(alex.getByTestId('not-today-mine')).toBeVisible();
	await expectAccessible(alex);
	expect(await sam.locator('main').innerText()).toBe(samBefore);
	await sam.reload();
	await expect(sam.getByTestId('card-text')).toHaveText(question!);
	expect(await sam.locator('main').innerText()).toBe(samBefore);

	// Sam answers; Alex, after all, answers too: both see both, together.
	await sam.getByLabel('Your answer').fill('Walking to the station in the rain, laughing.');
	await sam.getByRole('button', { name: 'Share my answer' }).click();
	await expect(sam.getByTestId('my-answer')).toHaveText(
		'Walking to the station in the rain, laughing.'
	);
	await expect(alex.getByTestId('their-hidden')).toBeVisible();
	await alex.getByLabel('Your answer').fill('The long call on Sunday.');
	await alex.getByRole('button', { name: 'Share my answer' }).click();
	await expect(alex.getByTestId('their-answer')).toHaveText(
		'Walking to the station in the rain, laughing.'
	);
	await expect(sam.getByTestId('their-answer')).toHaveText('The long call on Sunday.');

	// Sam reflects back; Alex says yes, that's it.
	await sam
		.getByLabel('What you heard Alex say', { exact: false })
		.fill('It sounds like that call mattered.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();
	await expect(sam.getByTestId('verdict')).toContainText("yes, that's it");
	await expectAccessible(sam);

	// The calm line is gone for both, and nothing anywhere counts days.
	await alex.goto('/');
	await expect(alex.getByTestId('today-notice')).toHaveCount(0);
	for (const page of [alex, sam]) {
		await page.goto('/history?kind=daily');
		await expect(page.getByTestId('timeline-item')).toHaveCount(1);
		await expect(page.locator('body')).not.toContainText(/streak|in a row|missed/i);
	}
});
