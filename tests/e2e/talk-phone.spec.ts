import type { Page } from '@playwright/test';
import { expect, expectAccessible, pairUp, test } from './fixtures';

const PHONE = { width: 360, height: 740 };

/** Two partners on phones in a fresh live talk: Alex started it, Sam joined. */
async function talkOnPhones(alex: Page, newPerson: (o?: object) => Promise<Page>) {
	await alex.setViewportSize(PHONE);
	const sam = await newPerson({ viewport: PHONE });
	await pairUp(alex, sam);
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await sam.goto(alex.url());
	await expect(alex.getByTestId('partner-presence')).toContainText('Sam is here');
	await expect(sam.getByTestId('partner-presence')).toContainText('Alex is here');
	return sam;
}

test('words sent offline stay on screen as waiting, can be edited or not sent, then show sent and seen', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(90_000);
	const sam = await talkOnPhones(alex, newPerson);
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	await expect(alex.getByTestId('floor')).toContainText('You hold the floor');

	// Offline, the answer stays on Alex's screen as Alex's, waiting.
	await alex.context().setOffline(true);
	await expect(alex.getByText('Reconnecting… nothing you wrote is lost.')).toBeVisible();
	await alex.getByLabel('Your answer').fill('Sunday morning, slow coffe.');
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await expect(alex.getByTestId('answer-text')).toHaveText('Sunday morning, slow coffe.');
	await expect(alex.getByTestId('delivery')).toHaveText('Waiting to send…');

	// Edit: the words go back into the box, just as they were, and can be sent again.
	await alex.getByRole('button', { name: 'Edit' }).click();
	await expect(alex.getByLabel('Your answer')).toHaveValue('Sunday morning, slow coffe.');
	await expect(alex.getByLabel('Your answer')).toBeFocused();
	await alex.getByLabel('Your answer').fill('Sunday morning, slow coffee.');
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await expect(alex.getByTestId('delivery')).toHaveText('Waiting to send…');
	await expectAccessible(alex);

	// Sam is not looking at the talk when it arrives: "Sent", not yet "Seen".
	await sam.goto('/');
	await alex.context().setOffline(false);
	await expect(alex.getByTestId('delivery')).toHaveText('Sent');
	await expect(alex.getByRole('button', { name: 'Edit' })).toHaveCount(0);
	await expect(alex.getByTestId('answer-text')).toHaveText('Sunday morning, slow coffee.');

	// Sam comes back to the talk: Alex's screen says Sam has seen it.
	await sam.goBack();
	await expect(sam.getByTestId('answer-text')).toHaveText('Sunday morning, slow coffee.');
	await expect(alex.getByTestId('delivery')).toHaveText('Seen by Sam');

	// Sam's reflection, sent offline and then not sent after all: it never reaches Alex.
	await sam.context().setOffline(true);
	await expect(sam.getByText('Reconnecting… nothing you wrote is lost.')).toBeVisible();
	await sam.getByLabel('What you heard Alex say').fill('You like coffee.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await expect(sam.getByTestId('reflection-text')).toHaveText('You like coffee.');
	await expect(sam.getByTestId('delivery')).toHaveText('Waiting to send…');
	await sam.getByRole('button', { name: "Don't send" }).click();
	await expect(sam.getByLabel('What you heard Alex say')).toHaveValue('');
	await sam
		.getByLabel('What you heard Alex say')
		.fill('The slow start to a Sunday matters to you.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await expect(sam.getByTestId('delivery')).toHaveText('Waiting to send…');
	await sam.context().setOffline(false);
	await expect(alex.getByTestId('reflection-text')).toHaveText(
		'The slow start to a Sunday matters to you.'
	);
	await expect(sam.getByTestId('delivery')).toHaveText('Seen by Alex');
	await expect(alex.getByText('You like coffee.')).toHaveCount(0);
	// The speaker's own answer keeps its state; the one reading the reflection sees no receipt of theirs.
	await expect(alex.getByTestId('delivery')).toHaveText('Seen by Sam');
});
