import { expect, expectAccessible, logIn, pairUp, test } from './fixtures';

test('send with a note and "I\'ll go first", answer, reveal together, reflect with "Not quite"', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(90_000);
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);

	await alex.getByRole('link', { name: /^Cards( \d+ new)?$/ }).click();
	await alex.getByRole('link', { name: 'Send a card' }).click();
	await alex
		.getByLabel('Your question')
		.fill('What made you feel most at home this month, and why?');
	await alex.getByLabel('A personal note').fill('Thought of you on the bus.');
	await alex.getByText("I'll go first").click();
	await alex.getByLabel('Your own answer').fill('Cooking together on Sunday, because it was slow.');
	// Alex keeps it until Sam has answered too (sharing at once is the default).
	await alex.getByLabel('Share mine now').uncheck();
	// Off the network nothing is sent, it says so, and everything written stays as it was.
	await alex.context().setOffline(true);
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(
		alex.getByText('Not sent — the connection dropped.', { exact: false })
	).toBeVisible();
	await expect(alex.getByLabel('A personal note')).toHaveValue('Thought of you on the bus.');
	await expect(alex.getByLabel('Your own answer')).toHaveValue(
		'Cooking together on Sunday, because it was slow.'
	);
	await expect(alex.getByRole('button', { name: 'Send to Sam' })).toBeEnabled();
	await alex.context().setOffline(false);
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(alex.getByText('Sent. Sam can answer whenever')).toBeVisible();

	// Sam hears it live: a toast and a badge, without reloading.
	await expect(sam.getByTestId('unread-badge')).toHaveText(/1/);
	await expect(sam.getByText('Alex sent you a card.')).toBeVisible();
	await sam.getByRole('link', { name: /^Cards( \d+ new)?$/ }).click();
	await sam.getByTestId('inbox-item').first().click();
	await expect(sam.getByText('Thought of you on the bus.')).toBeVisible();
	// Revealed together: Sam sees that Alex answered, not what.
	await expect(sam.getByTestId('their-hidden')).toBeVisible();
	await expect(sam.getByText('Cooking together on Sunday')).toHaveCount(0);
	await expectAccessible(sam);

	// From here on Alex's open card hears Sam through the event stream: it never reloads its data.
	const reloads: string[] = [];
	alex.on('request', (r) => {
		if (r.url().includes('__data.json')) reloads.push(r.url());
	});
	const samsWords = 'The evening the power went out and we played cards.';
	await sam.getByLabel('Your answer').fill(samsWords);
	// Off the network, the answer is not sent, says so, and stays in the box to send again.
	await sam.context().setOffline(true);
	await sam.getByRole('button', { name: 'Share my answer' }).click();
	await expect(sam.getByText('Not sent — the connection dropped.', { exact: false })).toBeVisible();
	await expect(sam.getByLabel('Your answer')).toHaveValue(samsWords);
	await sam.context().setOffline(false);
	await sam.getByRole('button', { name: 'Share my answer' }).click();
	await expect(sam.getByTestId('their-answer')).toHaveText(
		'Cooking together on Sunday, because it was slow.'
	);
	await expect(alex.getByTestId('their-answer')).toHaveText(
		'The evening the power went out and we played cards.'
	);
	expect(reloads).toEqual([]);

	// Reflect back at a slower pace, with one "Not quite". Sam's phone is off the network when
	// Alex sends it: it arrives by catch-up once Sam is back.
	await sam.context().setOffline(true);
	await alex
		.getByLabel('What you heard Sam say')
		.fill('It sounds like you felt close when things stopped.');
	await alex.getByText('close', { exact: true }).click();
	await alex.getByRole('button', { name: 'Send reflection' }).click();
	await expect(alex.getByTestId('verdict')).toHaveText('Waiting for Sam…');
	await sam.context().setOffline(false);
	await expect(sam.getByTestId('reflection-on-mine')).toHaveText(
		'It sounds like you felt close when things stopped.'
	);
	await sam.getByRole('button', { name: 'Not quite' }).click();
	await sam.getByLabel('What would you add?').fill('It was the laughing, mostly.');
	await sam.getByRole('button', { name: 'Send “Not quite”' }).click();
	await expect(alex.getByText('Sam added: “It was the laughing, mostly.”')).toBeVisible();
	await alex.getByLabel('What you heard Sam say').fill('What mattered was laughing together.');
	await alex.getByRole('button', { name: 'Send reflection' }).click();
	await sam.getByRole('button', { name: "Yes, that's it" }).click();
	await expect(alex.getByText("✓ Sam said: yes, that's it")).toBeVisible();

	await sam.getByLabel('Say thank you for sharing').fill('Thank you for going first.');
	await sam.getByRole('button', { name: 'Send appreciation' }).click();
	await expect(alex.getByTestId('appreciation')).toContainText('Thank you for going first.');
});

test('going first as a gift: "share mine now" is read by the partner before answering', async ({
	page: alex,
	newPerson
}) => {
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);
	await alex.goto('/cards/send');
	await alex.getByLabel('Your question').fill('What is a small thing that made you proud lately?');
	await alex.getByText("I'll go first").click();
	await alex.getByLabel('Your own answer').fill('Fixing the bike without looking it up.');
	await expect(alex.getByLabel('Share mine now')).toBeChecked();
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(alex.getByText('Sent.')).toBeVisible();

	await sam.goto('/cards');
	await sam.getByTestId('inbox-item').first().click();
	await expect(sam.getByText('Alex went first — yours to read, nothing owed')).toBeVisible();
	await expect(sam.getByTestId('their-answer')).toHaveText(
		'Fixing the bike without looking it up.'
	);
	await expect(sam.getByTestId('their-hidden')).toHaveCount(0);
	await expect(sam.getByLabel('Your answer')).toBeVisible();
	await expectAccessible(sam);
	// Sam's own answer still follows the reveal Alex chose: together, so it shows for both now.
	await sam.getByLabel('Your answer').fill('Asking for help at work.');
	await sam.getByRole('button', { name: 'Share my answer' }).click();
	await expect(alex.getByTestId('their-answer')).toHaveText('Asking for help at work.');
});

test('"Not ready yet" is the recipient\'s: no trace, no "new", no tag on the sender\'s screens', async ({
	page: alex,
	newPerson
}) => {
	const sam = await newPerson();
	await pairUp(alex, sam);
	await alex.goto('/cards/send');
	await alex
		.getByLabel('Your question')
		.fill('What is something you wish I asked you about more often?');
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(alex.getByText('Sent.')).toBeVisible();
	const card = alex.url().replace(/\?.*$/, '');

	await sam.goto('/cards');
	await sam.getByTestId('inbox-item').first().click();
	await sam.getByRole('button', { name: 'Not ready yet' }).click();
	await expect(sam.getByTestId('set-aside-mine')).toBeVisible();

	// Alex's card page, inbox, badge and history say nothing of it.
	await alex.reload();
	await expect(alex.getByText(/set (this|it) aside|not ready/i)).toHaveCount(0);
	await expect(alex.getByText('set a card aside')).toHaveCount(0);
	await alex.goto('/cards');
	await expect(alex.getByTestId('unread-badge')).toHaveCount(0);
	await expect(alex.getByTestId('inbox-item').first()).not.toContainText('New');
	await expect(alex.getByText(/set this aside/i)).toHaveCount(0);
	await alex.goto(card.replace('/cards/', '/history/'));
	await expect(alex.getByText(/set (this card )?aside/i)).toHaveCount(0);
	await alex.goto('/history?setAside=1');
	await expect(alex.getByTestId('timeline-item')).toHaveCount(0);
	await expect(alex.getByText('Set aside for later', { exact: true })).toHaveCount(1); // the heading of Alex's own list

	// Sam's own screens keep it, until Sam brings it back.
	await sam.goto('/history');
	await expect(sam.locator('.tag', { hasText: 'Set aside for later' })).toHaveCount(1);
	await sam.goto('/cards');
	await expect(sam.getByRole('heading', { name: 'Set aside for later' })).toBeVisible();
	await sam.getByTestId('inbox-item').first().click();
	await sam.getByRole('button', { name: 'Bring it back' }).click();
	await expect(sam.getByLabel('Your answer')).toBeVisible();
	await alex.goto('/cards');
	await expect(alex.getByTestId('unread-badge')).toHaveCount(0);
});

test('the sender who did not go first can still share theirs as a gift when answering later', async ({
	page: alex,
	newPerson
}) => {
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);
	await alex.goto('/cards/send');
	await alex.getByLabel('Your question').fill('What made this month feel like ours?');
	await alex.getByRole('button', { name: 'Send to Sam' }).click();
	await expect(alex.getByText('Sent. Sam can answer whenever')).toBeVisible();

	// Later, on the card's own page: "Share mine now" is Alex's choice here too.
	await alex.getByLabel('Your answer').fill('The picnic in the rain.');
	await alex.getByLabel('Share mine now').check();
	await expectAccessible(alex);
	await alex.getByRole('button', { name: 'Share my answer' }).click();
	await expect(alex.getByTestId('my-answer')).toHaveText('The picnic in the rain.');
	await expect(alex.getByLabel('Share mine now')).toHaveCount(0);

	await sam.goto('/cards');
	await sam.getByTestId('inbox-item').first().click();
	await expect(sam.getByText('Alex went first — yours to read, nothing owed')).toBeVisible();
	await expect(sam.getByTestId('their-answer')).toHaveText('The picnic in the rain.');
	// Sam owes nothing, and is never offered "share mine now" on a card Sam received.
	await expect(sam.getByLabel('Share mine now')).toHaveCount(0);
});

test('answering a card redirects after it posted: a reload shows the answer and never posts again, with or without JavaScript', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(90_000);
	const phone = { width: 360, height: 740 };
	const sam = await newPerson({ viewport: phone });
	const { b } = await pairUp(alex, sam);
	const send = async (question: string) => {
		await alex.goto('/cards/send');
		await alex.getByLabel('Your question').fill(question);
		await alex.getByRole('button', { name: 'Send to Sam' }).click();
		await expect(alex.getByText('Sent. Sam can answer whenever')).toBeVisible();
		return new URL(alex.url()).pathname;
	};
	const first = await send('What made you laugh this week, and with whom?');
	const second = await send('Which small thing did you enjoy today?');
	const posts = (page: typeof sam) => {
		const seen: string[] = [];
		page.on('request', (r) => {
			if (r.method() === 'POST') seen.push(new URL(r.url()).pathname + new URL(r.url()).search);
		});
		return seen;
	};
	const samPosts = posts(sam);

	// With JavaScript: one post, the answer on screen and focused, and the address of the card.
	await sam.goto(first);
	await sam.getByLabel('Your answer').fill('The cat in the laundry basket.');
	await sam.getByRole('button', { name: 'Share my answer' }).click();
	const mine = sam.getByRole('region', { name: 'Your answer' });
	await expect(sam.getByTestId('my-answer')).toHaveText('The cat in the laundry basket.');
	await expect(mine).toBeFocused();
	await expect(mine.getByTestId('delivery')).toHaveText('Sent');
	expect(new URL(sam.url()).pathname + new URL(sam.url()).search).toBe(first);
	expect(samPosts).toEqual([`${first}?/answer`]);
	await sam.reload();
	await expect(sam.getByTestId('my-answer')).toHaveText('The cat in the laundry basket.');
	await expect(sam.getByRole('alert')).toHaveCount(0);
	expect(samPosts).toHaveLength(1);

	// Without JavaScript: the post answers 303 to the card, so a reload is a plain GET.
	const noScript = await newPerson({ viewport: phone, javaScriptEnabled: false });
	await logIn(noScript, b);
	await expect(noScript.getByRole('heading', { name: `Hi ${b.name}` })).toBeVisible();
	const plainPosts = posts(noScript);
	await noScript.goto(second);
	await noScript.getByLabel('Your answer').fill('Tea on the back step.');
	const posted = noScript.waitForResponse((r) => r.request().method() === 'POST');
	await noScript.getByRole('button', { name: 'Share my answer' }).click();
	expect((await posted).status()).toBe(303);
	await expect(noScript.getByTestId('my-answer')).toHaveText('Tea on the back step.');
	expect(new URL(noScript.url()).pathname + new URL(noScript.url()).search).toBe(second);
	await noScript.reload();
	await expect(noScript.getByTestId('my-answer')).toHaveText('Tea on the back step.');
	expect(plainPosts).toEqual([`${second}?/answer`]);

	// Alex's side: the answers exist, once each; a sent card says "Sent" at most, never "seen".
	for (const card of [first, second]) {
		await alex.goto(card);
		await expect(alex.getByTestId('their-hidden')).toBeVisible();
	}
	await alex.getByLabel('Your answer').fill('A walk to the bakery.');
	await alex.getByRole('button', { name: 'Share my answer' }).click();
	await expect(alex.getByTestId('their-answer')).toHaveText('Tea on the back step.');
	await sam.goto(second);
	await expect(sam.getByTestId('their-answer')).toHaveText('A walk to the bakery.');
	for (const page of [alex, sam]) {
		await expect(page.getByTestId('delivery')).toHaveText('Sent');
		await expect(page.getByText(/Seen by/)).toHaveCount(0);
	}
	await expectAccessible(alex);
});
