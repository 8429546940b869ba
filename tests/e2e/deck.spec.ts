import type { Locator, Page } from '@playwright/test';
import { BUILT_IN_CARDS } from '../../src/lib/deck/cards';
import { expect, person, signUp, test } from './fixtures';

const PHONE = { width: 360, height: 740 };
test.use({ viewport: PHONE });

async function pair(page: Page, newPerson: (o?: { viewport: typeof PHONE }) => Promise<Page>) {
	const alex = person('Alex');
	await signUp(page, alex);
	await page.getByRole('button', { name: 'Invite your partner' }).click();
	const link = await page.getByLabel('Invite link').inputValue();
	const samPage = await newPerson({ viewport: PHONE });
	await signUp(samPage, person('Sam'));
	await samPage.goto(link);
	await samPage.getByRole('button', { name: 'Join Alex' }).click();
	await expect(samPage.getByTestId('partner')).toContainText('Alex');
	return samPage;
}

async function expectTouchTarget(locator: Locator) {
	const box = await locator.boundingBox();
	expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
}

const results = (page: Page) => page.getByRole('list', { name: 'Cards' }).getByRole('listitem');

test('a couple browses, filters, searches and opens cards, and keeps cards of their own', async ({
	page,
	newPerson
}) => {
	const samPage = await pair(page, newPerson);

	// From the Cards tab to the deck.
	await page.getByRole('link', { name: /^Cards( \d+ new)?$/ }).click();
	await page.getByRole('link', { name: 'Browse the deck' }).click();
	await expect(page.getByRole('heading', { name: 'The deck', level: 1 })).toBeVisible();
	await expect(page.getByTestId('deck-count')).toHaveText(`${BUILT_IN_CARDS.length} cards`);
	await expect(results(page)).toHaveCount(24);
	await page.getByRole('link', { name: 'Show more cards' }).click();
	await expect(results(page)).toHaveCount(48);

	// Filter by category and depth, with the chips and the select.
	const playVulnerable = BUILT_IN_CARDS.filter(
		(c) => c.category === 'play' && c.depth === 'vulnerable'
	);
	await page.getByLabel('Category').selectOption('play');
	await page.getByRole('radio', { name: 'Vulnerable' }).check();
	await expectTouchTarget(page.locator('label.chip').filter({ hasText: 'Vulnerable' }));
	await page.getByRole('button', { name: 'Show cards' }).click();
	await expect(page).toHaveURL(/category=play/);
	await expect(page).toHaveURL(/depth=vulnerable/);
	await expect(page.getByTestId('deck-count')).toHaveText(
		`${playVulnerable.length} cards · Vulnerable · Play`
	);
	await expect(results(page)).toHaveCount(playVulnerable.length);
	for (const item of await results(page).all()) await expect(item).toContainText('Play');
	await expect(page.getByRole('radio', { name: 'Vulnerable' })).toBeChecked();

	// Search, within the filters, then across the deck.
	const target = BUILT_IN_CARDS.find((c) => c.id === 'day-small-win')!;
	await page.getByRole('link', { name: 'Clear filters' }).click();
	await expect(page.getByTestId('deck-count')).toHaveText(`${BUILT_IN_CARDS.length} cards`);
	await page.getByLabel('Search the cards').fill('nobody else noticed');
	await page.getByRole('button', { name: 'Show cards' }).click();
	await expect(page.getByTestId('deck-count')).toHaveText('1 card · “nobody else noticed”');

	// Open a card: text, follow-up, category and depth; and what to do with it.
	await expectTouchTarget(page.getByRole('link', { name: target.text }));
	await page.getByRole('link', { name: target.text }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.text);
	await expect(page.getByText(target.followUp!)).toBeVisible();
	await expect(page.getByRole('article')).toContainText('Day to day');
	await expect(page.getByRole('article')).toContainText('Light');
	await expect(page.getByRole('link', { name: 'Use in our next talk' })).toHaveAttribute(
		'href',
		`/talk?card=${target.id}`
	);
	await expect(page.getByRole('link', { name: 'Send to partner' })).toHaveAttribute(
		'href',
		`/cards/send?card=${target.id}`
	);

	// Write a card of their own; a too-short one is explained and kept.
	await page.getByRole('link', { name: '← Back to the deck' }).click();
	await page.getByRole('link', { name: 'Write your own card' }).click();
	await page.getByLabel('Your question').fill('Hm?');
	await page.getByLabel('Category').selectOption('appreciation');
	await page.getByRole('radio', { name: /Personal/ }).check();
	await page.getByRole('button', { name: 'Add to our deck' }).click();
	await expect(page.getByText('A card needs at least 5 characters.')).toBeVisible();
	await expect(page.getByLabel('Your question')).toHaveValue('Hm?');
	await expect(page.getByLabel('Your question')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Category')).toHaveValue('appreciation');
	await expect(page.getByRole('radio', { name: /Personal/ })).toBeChecked();

	const word = `lanterns${Date.now().toString(36)}`;
	const written = `What do our ${word} remind you of, and why do you keep them?`;
	await page.getByLabel('Your question').fill(written);
	await page.getByRole('button', { name: 'Add to our deck' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(written);
	await expect(page.getByText('Your card is in the deck.')).toBeVisible();
	await expect(page.getByTestId('card-author')).toHaveText('Yours');
	await expect(page.getByRole('article')).toContainText('Appreciation');
	await expect(page.getByRole('article')).toContainText('Personal');
	const cardUrl = new URL(page.url()).pathname;
	expect(cardUrl).toMatch(/^\/deck\/custom:[0-9a-f-]{36}$/);

	// The partner sees it, labelled as Alex's.
	await samPage.goto(`/deck?q=${word}`);
	await expect(samPage.getByTestId('deck-count')).toHaveText(`1 card · “${word}”`);
	await expect(results(samPage).first()).toContainText('Written by Alex');
	await samPage.getByRole('link', { name: written }).click();
	await expect(samPage.getByTestId('card-author')).toHaveText('Written by Alex');

	// Alex edits it.
	const edited = `Which of our ${word} would you keep forever, and why?`;
	await page.getByRole('link', { name: 'Edit or delete this card' }).click();
	await expect(page.getByLabel('Your question')).toHaveValue(written);
	await page.getByLabel('Your question').fill(edited);
	await page.getByRole('radio', { name: /Light/ }).check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('Your changes are saved.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(edited);
	await expect(page.getByRole('article')).toContainText('Light');
	await samPage.reload();
	await expect(samPage.getByRole('heading', { level: 1 })).toHaveText(edited);

	// And deletes it, after a confirmation.
	await page.getByRole('link', { name: 'Edit or delete this card' }).click();
	await page.getByText('Delete this card…').click();
	await expect(page.getByText('It will be gone from the deck for both of you.')).toBeVisible();
	await page.getByRole('button', { name: 'Yes, delete it' }).click();
	await expect(page.getByText('The card is deleted.')).toBeVisible();
	await page.getByLabel('Search the cards').fill(word);
	await page.getByRole('button', { name: 'Show cards' }).click();
	await expect(page.getByTestId('deck-count')).toContainText('No cards match');
	await samPage.reload();
	await expect(samPage.getByRole('heading', { name: 'We could not find that card' })).toBeVisible();
});

test('someone without a shared space browses built-in cards only', async ({ page }) => {
	await signUp(page, person('Robin'));
	await page.goto('/deck?category=nonsense&depth=light');
	await expect(page.getByTestId('deck-problem')).toContainText('We don’t know that category');
	await expect(page.getByTestId('deck-count')).toHaveText(
		`${BUILT_IN_CARDS.filter((c) => c.depth === 'light').length} cards · Light`
	);
	await expect(page.getByTestId('custom-cards-note')).toContainText(
		'Cards you write yourselves come with a shared space'
	);
	await expect(page.getByRole('link', { name: 'Write your own card' })).toHaveCount(0);
	await results(page).first().getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Use in our next talk' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Send to partner' })).toHaveCount(0);
});
