import { expect, pairUp, test } from './fixtures';

test('hold a short talk, find it in history, replay it, mark a moment, search for a word', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(90_000);
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);

	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await sam.goto(alex.url());
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	await alex.getByLabel('Your answer').fill('Swimming in the cold lake, because it woke me up.');
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await sam.getByLabel('What you heard Alex say').fill('You felt alive in the cold water.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();
	await alex.getByRole('button', { name: 'End talk' }).click();
	await alex.getByRole('button', { name: 'End for both of us' }).click();
	await expect(sam.getByTestId('talk-summary')).toBeVisible();

	// Sam finds it in history and replays it.
	await sam.getByRole('link', { name: 'History', exact: true }).click();
	await sam.getByTestId('timeline-item').first().click();
	await expect(sam.getByTestId('transcript')).toContainText('Swimming in the cold lake');
	await expect(sam.getByTestId('transcript')).toContainText('You felt alive in the cold water.');
	await expect(sam.getByTestId('transcript')).toContainText("Alex: “Yes, that's it”");

	// A moment that mattered, visible to both.
	await sam.getByRole('button', { name: '☆ Mark this moment' }).first().click();
	await expect(sam.getByRole('button', { name: '★ A moment that mattered' })).toBeVisible();
	await alex.goto('/history?moments=1');
	await alex.getByTestId('timeline-item').first().click();
	await expect(alex.getByRole('button', { name: '★ A moment that mattered' })).toBeVisible();

	// Search for a word from the answer.
	await alex.goto('/history');
	await alex.getByLabel('Search your talks and cards').fill('lake');
	await alex.getByRole('button', { name: 'Search' }).click();
	await expect(alex.getByTestId('search-hit').first()).toContainText('lake');
	await alex.getByTestId('search-hit').first().click();
	await expect(alex.getByTestId('transcript')).toContainText('cold lake');
});
