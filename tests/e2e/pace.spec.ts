import { expect, expectAccessible, pairUp, test } from './fixtures';

/**
 * A pace of one's own: Sam chooses in settings (on a phone), and Alex (on a laptop) meets it only
 * at the moment of sending — one kind sentence and a way to keep the card — never Sam's settings.
 */
test("Sam's pace, chosen in settings, is what Alex meets when sending — and nothing more", async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(120_000);
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);

	// Sam's choices, in plain words, on a 360 px phone.
	await sam.goto('/settings');
	const pace = sam.getByRole('region', { name: 'Your pace' });
	await expect(pace).toContainText('Alex never sees them');
	await pace.getByLabel('How deep a card sent to you may go').selectOption('personal');
	await pace.getByLabel('How many unanswered cards may wait for you at once').selectOption('1');
	await pace.getByLabel('Keep notifications quiet between these hours').check();
	await pace.getByLabel('From').fill('22:30');
	await pace.getByLabel('Until').fill('22:30');
	await pace.getByRole('button', { name: 'Save your pace' }).click();
	// The same time twice is not quiet hours: said at the field, and nothing else is lost.
	await expect(
		pace.getByText('Choose an end that is not the same time as the start.')
	).toBeVisible();
	await expect(pace.getByLabel('From')).toHaveValue('22:30');
	await expect(pace.getByLabel('How deep a card sent to you may go')).toHaveValue('personal');
	await pace.getByLabel('Until').fill('07:15');
	await pace.getByRole('button', { name: 'Save your pace' }).click();
	await expect(pace.getByRole('status')).toHaveText('Saved.');
	const width = await sam.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);
	await expectAccessible(sam);
	await sam.reload();
	await expect(pace.getByLabel('How deep a card sent to you may go')).toHaveValue('personal');
	await expect(pace.getByLabel('How many unanswered cards may wait for you at once')).toHaveValue(
		'1'
	);
	await expect(pace.getByLabel('Keep notifications quiet between these hours')).toBeChecked();
	await expect(pace.getByLabel('From')).toHaveValue('22:30');
	await expect(pace.getByLabel('Until')).toHaveValue('07:15');

	// Alex's own settings are Alex's: the defaults, nothing of Sam's.
	await alex.goto('/settings');
	const alexPace = alex.getByRole('region', { name: 'Your pace' });
	await expect(alexPace.getByLabel('How deep a card sent to you may go')).toHaveValue('vulnerable');
	await expect(
		alexPace.getByLabel('How many unanswered cards may wait for you at once')
	).toHaveValue('none');
	await expect(
		alexPace.getByLabel('Keep notifications quiet between these hours')
	).not.toBeChecked();

	// A vulnerable card from the deck: said before a word is written, with a way to keep it.
	await alex.goto('/deck/us-private-worry');
	await alex.getByRole('link', { name: 'Send to partner' }).click();
	await expect(alex.getByTestId('not-now')).toHaveText(
		'Sam would rather keep cards this deep for a talk together.'
	);
	await expect(alex.getByRole('button', { name: 'Send to Sam' })).toHaveCount(0);
	await expectAccessible(alex);
	await alex.getByRole('link', { name: 'Keep it for a talk' }).click();
	await expect(alex.getByText('Your chosen card will be ready to draw')).toContainText(
		'What worry about us do you sometimes keep to yourself?'
	);

	// A card of Alex's own, written as vulnerable: refused on sending, with every word kept.
	await alex.goto('/cards/send');
	await alex.getByLabel('Your question').fill('What would you like me to understand about us?');
	await alex.getByLabel('Depth').selectOption('vulnerable');
	await alex.getByLabel('A personal note').fill('Whenever you like.');
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(alex.getByTestId('send-error')).toHaveText(
		'Sam would rather keep cards this deep for a talk together.'
	);
	await expect(alex.getByRole('button', { name: 'Keep it for a talk' })).toBeVisible();
	await expect(alex.getByLabel('Your question')).toHaveValue(
		'What would you like me to understand about us?'
	);
	await expect(alex.getByLabel('A personal note')).toHaveValue('Whenever you like.');
	await expectAccessible(alex);
	// As a personal card, it goes.
	await alex.getByLabel('Depth').selectOption('personal');
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(alex.getByText('Sent. Sam can answer whenever')).toBeVisible();
	await expect(sam.getByText('Alex sent you a card.')).toBeVisible();

	// One may wait at once: the next one waits with Alex, without a number.
	await alex.goto('/cards/send');
	await alex.getByLabel('Your question').fill('Which small moment this week would you keep?');
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	const waiting = alex.getByTestId('send-error');
	await expect(waiting).toHaveText(
		"Sam has a few cards waiting already — this one can wait with you until they've had time."
	);
	await expect(waiting).not.toContainText(/\d/);
	await alex.getByRole('button', { name: 'Keep it in our deck for later' }).click();
	await expect(
		alex.getByText('Your card is in the deck. Only the two of you can see it.')
	).toBeVisible();
	await expect(alex.getByRole('heading', { level: 1 })).toHaveText(
		'Which small moment this week would you keep?'
	);

	// Sam sets the waiting card aside — Sam's own pace; it no longer waits on Alex's side.
	await sam.goto('/cards');
	await sam.getByTestId('inbox-item').first().click();
	await sam.getByRole('button', { name: 'Not ready yet' }).click();
	await expect(sam.getByTestId('set-aside-mine')).toBeVisible();
	await alex.getByRole('link', { name: 'Send to partner' }).click();
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(alex.getByText('Sent. Sam can answer whenever')).toBeVisible();

	// A card kept for live talks is offered for a talk, never for sending.
	await alex.goto('/deck/repair-still-hurts');
	await expect(alex.getByTestId('live-only')).toBeVisible();
	await expect(alex.getByRole('link', { name: 'Send to partner' })).toHaveCount(0);
	await expect(alex.getByRole('link', { name: 'Use in our next talk' })).toBeVisible();
});
