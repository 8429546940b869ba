import { expect, expectAccessible, pairUp, test } from './fixtures';

test('a whole talk: opening, a round with "Not quite", not ready, go deeper, pause, offline, end', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(120_000);
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);

	// Alex starts; Sam, on another page, is invited live.
	await alex.getByRole('link', { name: 'Talk', exact: true }).click();
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await expect(sam.getByText('Alex started a talk.')).toBeVisible();
	await sam.getByRole('link', { name: 'Join?' }).click();
	await expect(sam).toHaveURL(alex.url());
	await expect(alex.getByTestId('partner-presence')).toContainText('Sam is here');
	await expect(sam.getByTestId('partner-presence')).toContainText('Alex is here');

	// Warm-up: an opening line, seen by both; the talk starts light.
	const opening = await alex.locator('.opening-choice').first().innerText();
	await alex.locator('.opening-choice').first().click();
	await expect(sam.getByTestId('opening-line')).toBeVisible();
	await expect(sam.getByTestId('depth')).toHaveText('Light cards');
	await expectAccessible(sam);

	// A card, the same for both at the same moment. The drawer holds the floor.
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	const cardText = await alex.getByTestId('card-text').innerText();
	await expect(sam.getByTestId('card-text')).toHaveText(cardText);
	await expect(alex.getByTestId('floor')).toContainText('You hold the floor');
	await expect(sam.getByTestId('floor')).toContainText('Alex holds the floor');

	await alex
		.getByLabel('Your answer')
		.fill('The slow Sunday, because nobody needed anything from me.');
	await expect(sam.getByTestId('partner-presence')).toContainText('Alex is writing');
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await expect(sam.getByTestId('answer-text')).toHaveText(
		'The slow Sunday, because nobody needed anything from me.'
	);

	// Sam reflects back with a stem and two feelings.
	await sam.getByRole('button', { name: 'More', exact: true }).click(); // every stem is offered
	await sam.getByRole('button', { name: 'What I hear is…' }).click();
	await sam
		.getByLabel('What you heard Alex say')
		.fill('What I hear is you liked the quiet Sunday.');
	await sam.getByText('Name the feelings you heard').click(); // folded away until wanted
	await sam.getByText('calm', { exact: true }).click();
	await sam.getByText('relieved', { exact: true }).click();
	await expectAccessible(sam);
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await expect(alex.getByTestId('reflection-text')).toHaveText(
		'What I hear is you liked the quiet Sunday.'
	);

	// "Not quite", with a clarification, and the listener tries again.
	await alex.getByRole('button', { name: 'Not quite' }).click();
	await alex.getByLabel('What would you add?').fill('It was not needing to be useful.');
	await alex.getByRole('button', { name: 'Send “Not quite”' }).click();
	await expect(sam.getByText('Alex added: “It was not needing to be useful.”')).toBeVisible();
	await sam
		.getByLabel('What you heard Alex say')
		.fill('It sounds like you felt free because nobody needed you to be useful.');
	await sam.getByText('Name the feelings you heard').click();
	await sam.getByText('relieved', { exact: true }).click();
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();
	await expect(sam.getByText('Heard and confirmed')).toBeVisible();
	await expect(alex.getByText('Heard and confirmed')).toBeVisible();

	// Next card: the floor passes to Sam, who is not ready for it.
	await sam.getByRole('button', { name: 'Next card' }).click();
	await expect(sam.getByTestId('floor')).toContainText('You hold the floor');
	await sam.getByRole('button', { name: 'Not ready yet for this card' }).click();
	// Alex sees the card rest, without a name on it; only Sam's screen says it is Sam's.
	await expect(alex.getByTestId('set-aside-notice')).toHaveText(
		"This card rests for now. Draw another when you're both ready."
	);
	await expect(alex.getByTestId('announcer')).toHaveText(
		'This card rests for now. Draw another when you are both ready.'
	);
	await expect(sam.getByTestId('set-aside-notice')).toContainText('Set aside for later');

	// Go deeper needs both; a request can be taken back while it waits.
	await alex.getByRole('button', { name: 'Go deeper' }).click();
	await expect(sam.getByTestId('deeper-invite')).toBeVisible();
	await alex.getByRole('button', { name: 'Take back “go deeper”' }).click();
	await expect(sam.getByTestId('deeper-invite')).toHaveCount(0);
	await expect(sam.getByTestId('announcer')).toHaveText(
		'Alex would like to stay at this depth for now.'
	);
	await expect(alex.getByTestId('announcer')).toHaveText(
		'You took back your request to go deeper.'
	);
	await alex.getByRole('button', { name: 'Go deeper' }).click();
	await expect(sam.getByTestId('deeper-invite')).toBeVisible();
	await expect(alex.getByTestId('depth')).toHaveText('Light cards');
	await sam.getByRole('button', { name: 'Go deeper' }).click();
	await expect(alex.getByTestId('depth')).toHaveText('Personal cards');
	await expect(sam.getByTestId('depth')).toHaveText('Personal cards');

	// Not ready for the whole talk: Sam's pause, and only Sam picks it up again. Alex gets a calm
	// screen with nothing that pushes, leaves, and hears when the talk goes on.
	await sam.getByRole('button', { name: 'Not ready yet — pause the talk' }).click();
	await expect(
		alex.getByRole('heading', { name: 'Sam would like to pause — take care of yourself too' })
	).toBeVisible();
	await expect(alex.getByRole('button', { name: /pick it up|resume|end talk/i })).toHaveCount(0);
	await expectAccessible(alex);
	await expect(sam.getByRole('heading', { name: 'You paused the talk' })).toBeVisible();
	const room = alex.url();
	await alex.getByRole('link', { name: 'Leave for now' }).click();
	await expect(alex).toHaveURL(/\/$/);
	await sam.getByRole('button', { name: 'Pick it up again' }).click();
	await expect(alex.getByText('The talk picks up again, whenever you are ready.')).toBeVisible();
	await alex.getByRole('link', { name: 'Join' }).click();
	await expect(alex).toHaveURL(room);
	await expect(alex.getByRole('button', { name: 'Draw a card' })).toBeVisible();
	await expect(sam.getByRole('button', { name: 'Draw a card' })).toBeVisible();

	// Sam's phone drops off mid-round; what Sam writes is not lost.
	// The floor alternates, so it is Alex's turn; Sam takes it with "I'll go first".
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	await expect(sam.getByTestId('floor')).toContainText('Alex holds the floor');
	await sam.getByRole('button', { name: "I'll go first" }).click();
	await expect(sam.getByTestId('floor')).toContainText('You hold the floor');
	await sam.context().setOffline(true);
	await expect(sam.getByText('Reconnecting… nothing you wrote is lost.')).toBeVisible();
	await sam.getByLabel('Your answer').fill('Written on a train with no signal.');
	await sam.reload().catch(() => {}); // a reload offline fails; the draft is still on the device
	await sam.context().setOffline(false);
	await sam.goto(alex.url());
	await expect(sam.getByLabel('Your answer')).toHaveValue('Written on a train with no signal.');
	await sam.context().setOffline(true);
	await sam.getByRole('button', { name: 'Share answer' }).click();
	await sam.context().setOffline(false);
	await expect(alex.getByTestId('answer-text')).toHaveText('Written on a train with no signal.');
	await expect(sam.getByText('Reconnecting…')).toBeHidden();

	// Either ends it; both see the summary.
	await alex.getByRole('button', { name: 'End talk' }).click();
	await alex.getByRole('button', { name: 'End for both of us' }).click();
	for (const person of [alex, sam]) {
		const summary = person.getByTestId('talk-summary');
		await expect(summary).toBeVisible();
		await expect(summary).toContainText(cardText);
		await expect(summary).toContainText(
			'It sounds like you felt free because nobody needed you to be useful.'
		);
		await expect(summary).toContainText('Written on a train with no signal.');
		await expect(person.getByTestId('summary-opening')).toContainText(opening);
	}
	await expect(sam.getByTestId('talk-summary')).toContainText('You set this one aside for later');
	// Alex's summary: the card rests, nobody is named, and nothing is tallied.
	await expect(alex.getByTestId('talk-summary')).toContainText('This one rests for now.');
	await expect(alex.getByTestId('talk-summary')).not.toContainText(/set (this one )?aside/i);
	await expect(alex.getByTestId('talk-summary')).not.toContainText('heard and confirmed');

	// A reload shows exactly the same state, rendered from the log.
	await alex.reload();
	await expect(alex.getByTestId('talk-summary')).toContainText(cardText);
});

test('the floor as a courtesy: "Would you go first?" hands it over, shown and announced, never bounced', async ({
	page: alex,
	newPerson
}) => {
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await sam.goto(alex.url());
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	await expect(alex.getByTestId('floor')).toContainText('You hold the floor');
	// "I'll go first" is offered to the one not holding the floor only.
	await expect(alex.getByRole('button', { name: "I'll go first" })).toHaveCount(0);
	await expect(sam.getByRole('button', { name: 'Would you go first?' })).toHaveCount(0);

	await alex.getByRole('button', { name: 'Would you go first?' }).click();
	await expect(sam.getByTestId('floor')).toContainText('You hold the floor');
	await expect(sam.getByTestId('floor-change')).toHaveText('Alex asked you to go first.');
	await expect(sam.getByTestId('announcer')).toHaveText(
		'Alex asked you to go first. You hold the floor — take your time.'
	);
	await expect(alex.getByTestId('floor-change')).toHaveText('You asked Sam to go first.');
	// Not offered straight back, either way.
	await expect(alex.getByRole('button', { name: "I'll go first" })).toHaveCount(0);
	await expect(sam.getByRole('button', { name: 'Would you go first?' })).toHaveCount(0);
	await expect(sam.getByLabel('Your answer')).toBeVisible();
	await expectAccessible(sam);
});

test("the speaker's voice: own feelings, guesses confirmed one by one, is there more, and thoughts only when asked", async ({
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
	// Every opening line is in reach: a few first, the rest behind "more".
	await expect(alex.locator('.opening-choice')).toHaveCount(4);
	await alex.getByRole('button', { name: 'More opening lines' }).click();
	await expect(alex.locator('.opening-choice')).toHaveCount(16);
	await alex
		.getByRole('button', { name: "I'm on your side, even when we see things differently." })
		.click();
	await expect(sam.getByTestId('opening-line')).toContainText("I'm on your side");
	await alex.getByRole('button', { name: 'Draw a card' }).click();

	// Alex names what they feel, with the same vocabulary.
	await alex.getByLabel('Your answer').fill('The week was a lot, and Sunday helped.');
	await alex.getByText('Name what you feel').click();
	await alex.getByText('relieved', { exact: true }).click();
	await alex.locator('summary', { hasText: 'Tired' }).click(); // a folded family
	await alex.getByText('tired', { exact: true }).click();
	// A thought dressed as a feeling can be picked, with a gentle note on what may lie underneath.
	await alex.locator('summary', { hasText: 'Hurt' }).click();
	const rejected = alex.locator('label.chip', { hasText: /^\s*rejected\*\s*$/ });
	await rejected.click();
	await expect(alex.getByTestId('thought-note')).toContainText('Underneath, maybe hurt');
	await rejected.click();
	await expect(alex.getByTestId('thought-note')).toHaveCount(0);
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await expect(sam.getByTestId('answer-feelings')).toContainText('relieved');
	await expect(sam.getByTestId('answer-feelings')).toContainText('tired');

	// Sam guesses two feelings and a need; Alex sees the need, and keeps only one feeling.
	// A stem keeps its blanks, and typing fills the first one.
	await sam.getByRole('button', { name: 'More', exact: true }).click();
	await expect(sam.getByRole('group', { name: 'Start with…' }).getByRole('button')).toHaveCount(11);
	await sam.getByRole('button', { name: 'It sounds like you felt … because …' }).click();
	await sam.keyboard.type('lighter');
	await expect(sam.getByLabel('What you heard Alex say')).toHaveValue(
		'It sounds like you felt lighter because …'
	);
	await sam.getByLabel('What you heard Alex say').fill('It sounds like Sunday gave you room.');
	await sam.getByText('Name the feelings you heard').click();
	await sam.locator('label.chip', { hasText: /^\s*relieved\s*$/ }).click();
	await sam.locator('label.chip', { hasText: /^\s*grateful\s*$/ }).click();
	await sam.getByText('What they might need').click();
	await sam.getByText('rest', { exact: true }).click();
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await expect(alex.getByTestId('reflection-needs')).toHaveText('What you might need: rest');
	const heard = alex.getByTestId('heard-feelings');
	await expect(heard).toBeVisible();
	await expectAccessible(alex);
	await heard.getByText('grateful', { exact: true }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();
	await expect(sam.locator('.tag.not-theirs')).toHaveText('grateful (not quite)');
	await expect(sam.getByTestId('reflection-needs')).toHaveText('What Alex might need: rest');

	// No view of Sam's own until Alex asks for one; first, "Is there more?"
	await expect(sam.getByLabel('Alex would like your thoughts')).toHaveCount(0);
	await sam.getByRole('button', { name: "Is there more you'd like me to know?" }).click();
	await alex
		.getByLabel("Sam asks: is there more you'd like them to know?")
		.fill('I was scared I would not manage.');
	await alex.getByRole('button', { name: 'Add this' }).click();
	await expect(sam.getByTestId('addition')).toContainText('I was scared I would not manage.');
	await sam.getByLabel('What you heard Alex say').fill('You were afraid of not coping.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();

	await expect(sam.getByLabel('Alex would like your thoughts')).toHaveCount(0);
	await alex.getByRole('button', { name: "I'd like your thoughts" }).click();
	await expect(sam.getByTestId('announcer')).toHaveText('Alex would like your thoughts.');
	await sam
		.getByLabel('Alex would like your thoughts')
		.fill('Maybe plan a slow Sunday each month.');
	await sam.getByRole('button', { name: 'Share my thoughts' }).click();
	await expect(alex.getByTestId('thoughts')).toHaveText('Maybe plan a slow Sunday each month.');
	await expectAccessible(sam);
});

test('a talk invitation can be answered "Not now — thank you for asking", heard warmly, and nothing follows', async ({
	page: alex,
	newPerson
}) => {
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await expect(sam.getByText('Alex started a talk.')).toBeVisible();
	await expectAccessible(sam);
	await sam.getByRole('button', { name: 'Not now — thank you for asking' }).click();
	await expect(sam.getByText('Alex started a talk.')).toHaveCount(0);
	await expect(
		alex.getByText("Sam can't join just now — and says thank you for asking.")
	).toBeVisible();
	// Nothing of it is kept: the talk's record holds no trace of the answer.
	await expect(alex.getByTestId('announcer')).toHaveText('');
});

test('"Is there more?" right after a reflection, and the feelings the speaker owned in the summary and history', async ({
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
	await alex.getByLabel('Your answer').fill('A long week, and it is over.');
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await sam.getByLabel('What you heard Alex say').fill('You are worn out.');
	await sam.getByText('Name the feelings you heard').click();
	await sam.getByText('relieved', { exact: true }).click();
	await sam.getByText('grateful', { exact: true }).click();
	await sam.getByRole('button', { name: 'Send reflection' }).click();

	// While Alex reads it, Sam can already ask for more; the reflection stays in view for Alex.
	await expect(alex.getByRole('button', { name: "Yes, that's it" })).toBeVisible();
	await sam.getByTestId('ask-more-early').click();
	await expect(alex.getByTestId('reflection-text')).toHaveText('You are worn out.');
	await expect(alex.getByRole('button', { name: "Yes, that's it" })).toHaveCount(0);
	await expectAccessible(alex);
	await alex.getByRole('button', { name: "That's all for now" }).click();

	// Back to the reflection waiting for its answer: Alex keeps one of the two feelings.
	await alex.getByTestId('heard-feelings').getByText('grateful', { exact: true }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();
	await expect(sam.locator('.tag.not-theirs')).toHaveText('grateful (not quite)');

	await alex.getByRole('button', { name: 'End talk' }).click();
	await alex.getByRole('button', { name: 'End for both of us' }).click();
	await expect(alex.getByTestId('summary-heard')).toHaveText(
		'Feelings you said were yours: relieved'
	);
	await expect(sam.getByTestId('summary-heard')).toHaveText(
		'Feelings Alex said were theirs: relieved'
	);
	await sam.getByRole('link', { name: 'All your talks' }).click();
	await sam.getByTestId('timeline-item').first().click();
	await expect(sam.getByTestId('heard')).toHaveText('Feelings that fit: relieved');
});
