import type { Page } from '@playwright/test';
import { expect, expectAccessible, pairUp, test } from './fixtures';

/** Ticks a feeling in the picker, opening its family first if it is folded away. */
async function pick(page: Page, feeling: string) {
	const family = page
		.locator('details.family')
		.filter({ has: page.getByText(feeling, { exact: true }) });
	if ((await family.getAttribute('open')) === null) await family.locator('summary').click();
	await family.getByText(feeling, { exact: true }).click();
}

const OBSERVATION = "I noticed you've been quiet since your call with your mum.";

test('"I noticed…": composed with a gentle hint, sent anyway, received calmly, answered and reflected back', async ({
	page: sam,
	newPerson
}) => {
	test.setTimeout(120_000);
	const alex = await newPerson({ viewport: { width: 360, height: 740 } });
	// Alex (on a phone) writes it; Sam (on a laptop) receives it.
	await pairUp(alex, sam, ['Alex', 'Sam']);

	await alex.goto('/cards/send');
	await alex.getByRole('link', { name: 'Write an “I noticed…” card' }).click();
	await expect(alex.getByRole('heading', { name: 'I noticed…' })).toBeVisible();

	// A word that tends to close people down gets a gentle hint a moment after typing stops.
	const observation = alex.getByLabel('What you noticed');
	await observation.fill('You always go quiet after calls with your mum.');
	const observationHints = alex.locator('#observation-wording');
	await expect(observationHints.getByTestId('wording-hint')).toHaveAttribute(
		'data-hint',
		'absolute'
	);
	await expect(observationHints).toContainText('“always”');
	await expect(observationHints).toContainText('Try describing one moment');
	await expect(observationHints).toHaveAttribute('role', 'status');
	await expectAccessible(alex);
	// Said another way, the hint goes.
	await observation.fill(OBSERVATION);
	await expect(observationHints.getByTestId('wording-hint')).toHaveCount(0);

	// A gentle guess at the feeling, from the vocabulary.
	await pick(alex, 'worried');
	await pick(alex, 'tired');
	// The invitation starts kind; a yes/no opening gets a hint — and never stops the send.
	const invitation = alex.getByLabel('Your invitation');
	await expect(invitation).toHaveValue('Would you like to tell me about it, now or later?');
	await invitation.fill('Are you okay? Would you like to tell me about it, now or later?');
	await expect(alex.locator('#invitation-wording').getByTestId('wording-hint')).toHaveAttribute(
		'data-hint',
		'yes-no'
	);
	// The preview reads as Sam will read it, "no need to answer now" included.
	const preview = alex.locator('article.noticed');
	await expect(preview.getByTestId('noticed-guess')).toHaveText(
		"I wonder if you're feeling worried or tired."
	);
	await expect(preview.getByTestId('no-need')).toHaveText('No need to answer now.');
	await alex.getByRole('button', { name: 'Send to Sam' }).click();

	await expect(alex.getByText('Sent. Sam can answer whenever')).toBeVisible();
	await expect(alex.getByTestId('noticed-observation')).toHaveText(OBSERVATION);
	// The one who noticed listens: there is nothing for them to answer.
	await expect(alex.getByLabel('Your answer')).toHaveCount(0);
	await expect(alex.getByTestId('waiting')).toContainText('Sam can answer whenever they like');
	await expectAccessible(alex);

	// Sam hears it live and reads it calmly: what was noticed, the guess, the invitation.
	await expect(sam.getByText('Alex sent you a card.')).toBeVisible();
	await sam.getByRole('link', { name: /^Cards( \d+ new)?$/ }).click();
	await expect(sam.getByTestId('inbox-item').first()).toContainText(OBSERVATION);
	await sam.getByTestId('inbox-item').first().click();
	await expect(sam.getByText('Alex noticed')).toBeVisible();
	await expect(sam.getByTestId('noticed-observation')).toHaveText(OBSERVATION);
	await expect(sam.getByTestId('noticed-guess')).toHaveText(
		"I wonder if you're feeling worried or tired."
	);
	await expect(sam.getByTestId('noticed-invitation')).toHaveText(
		'Are you okay? Would you like to tell me about it, now or later?'
	);
	await expect(sam.getByTestId('no-need')).toHaveText('No need to answer now.');
	await expect(sam.getByRole('button', { name: 'Not ready yet' })).toBeVisible();
	await expectAccessible(sam);

	// Sam answers, like any sent card; Alex's open card shows it at once.
	await sam.getByLabel('Your answer').fill('It was a hard call. Thank you for noticing.');
	await sam.getByRole('button', { name: 'Share my answer' }).click();
	await expect(sam.getByTestId('my-answer')).toHaveText(
		'It was a hard call. Thank you for noticing.'
	);
	await expect(alex.getByTestId('their-answer')).toHaveText(
		'It was a hard call. Thank you for noticing.'
	);
	await alex.getByLabel('What you heard Sam say').fill('It sounds like the call weighed on you.');
	await alex.getByRole('button', { name: 'Send reflection' }).click();
	await expect(sam.getByTestId('reflection-on-mine')).toHaveText(
		'It sounds like the call weighed on you.'
	);
	await sam.getByRole('button', { name: "Yes, that's it" }).click();
	await expect(alex.getByText("✓ Sam said: yes, that's it")).toBeVisible();
	await expectAccessible(alex);
});

test('the same hints help when writing a card of one’s own', async ({ page: alex, newPerson }) => {
	const sam = await newPerson();
	await pairUp(alex, sam);
	await alex.goto('/deck/new');
	await alex.getByLabel('Your question').fill('Do you like the sea?');
	const hints = alex.locator('#card-text-wording');
	await expect(hints.getByTestId('wording-hint')).toHaveAttribute('data-hint', 'yes-no');
	await alex.getByLabel('Your question').fill('What does the sea bring back for you?');
	await expect(hints.getByTestId('wording-hint')).toHaveCount(0);
	await alex.getByLabel('Your question').fill('Why didn’t you take me to the sea? You never do.');
	await expect(hints.getByTestId('wording-hint')).toHaveCount(2);
	// Hints never block: the card is added as written.
	await alex.getByLabel('Category').selectOption({ index: 1 });
	await alex.getByRole('radio', { name: /Light/ }).check();
	await alex.getByRole('button', { name: 'Add to our deck' }).click();
	await expect(alex.getByText('Your card is in the deck.')).toBeVisible();
	await alex.getByRole('link', { name: 'Edit or delete this card' }).click();
	await expect(alex.locator('#card-text-wording').getByTestId('wording-hint')).toHaveCount(2);
	await expectAccessible(alex);
});

test('without JavaScript the composer still sends, feelings and all', async ({
	page: alex,
	newPerson
}) => {
	const sam = await newPerson();
	await pairUp(alex, sam);
	const quiet = await newPerson({
		storageState: await alex.context().storageState(),
		javaScriptEnabled: false,
		viewport: { width: 360, height: 740 }
	});
	await quiet.goto('/cards/noticed');
	await quiet.getByLabel('What you noticed').fill('I noticed you hummed all morning.');
	await pick(quiet, 'glad');
	await quiet.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(quiet.getByText('Sent. Sam can answer whenever')).toBeVisible();
	await expect(quiet.getByTestId('noticed-guess')).toHaveText("I wonder if you're feeling glad.");

	// Bad input comes back with a clear word, keeping what was written and chosen.
	await quiet.goto('/cards/noticed');
	await quiet.getByLabel('What you noticed').fill('I noticed you seemed far away.');
	for (const feeling of ['sad', 'tired', 'lonely', 'worried']) await pick(quiet, feeling);
	await quiet.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(quiet.getByText('A gentle guess is enough: choose up to 3 feelings.')).toBeVisible();
	await expect(quiet.getByLabel('What you noticed')).toHaveValue('I noticed you seemed far away.');
	await expect(quiet.locator('input[name="feelings"]:checked')).toHaveCount(4);
});
