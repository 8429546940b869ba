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

	// A "not quite" sent offline waits on screen too, and can be edited before it goes.
	await alex.context().setOffline(true);
	await expect(alex.getByText('Reconnecting… nothing you wrote is lost.')).toBeVisible();
	await alex.getByRole('button', { name: 'Not quite' }).click();
	await alex.getByLabel('What would you add?').fill('It is the slowness, not the coffe.');
	await alex.getByRole('button', { name: 'Send “Not quite”' }).click();
	await expect(alex.getByTestId('waiting-text')).toHaveText(
		'Not quite. It is the slowness, not the coffe.'
	);
	await alex.getByRole('button', { name: 'Edit' }).click();
	await expect(alex.getByLabel('What would you add?')).toHaveValue(
		'It is the slowness, not the coffe.'
	);
	await alex.getByLabel('What would you add?').fill('It is the slowness, not the coffee.');
	await alex.getByRole('button', { name: 'Send “Not quite”' }).click();
	await alex.context().setOffline(false);
	await expect(sam.getByText('Alex added: “It is the slowness, not the coffee.”')).toBeVisible();
});

/**
 * The next step is on screen without scrolling, and nothing covers it: its box lies inside the
 * viewport and the element at its centre is its own.
 */
async function expectInReach(page: Page, name?: string | RegExp) {
	const dock = page.getByTestId('next-step');
	const target = name ? dock.getByRole('button', { name }) : dock;
	await expect(target).toBeVisible();
	const box = (await target.boundingBox())!;
	const viewport = page.viewportSize()!;
	expect(box.y, 'top in view').toBeGreaterThanOrEqual(0);
	expect(box.y + box.height, 'bottom in view').toBeLessThanOrEqual(viewport.height);
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
	const own = await target.evaluate((element) => {
		const r = element.getBoundingClientRect();
		const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
		return !!hit && (hit === element || element.contains(hit));
	});
	expect(own, 'nothing covers it').toBe(true);
}

const LONG_ANSWER =
	'The slow Sunday in the spring, when the rain kept us in and nobody needed anything from me. ' +
	'I made coffee twice, we read on the sofa, and for once I did not feel I had to be useful to ' +
	'deserve being there. I think I want more of those days, and I am a little afraid of asking.';

test('on a 360×740 phone the next step is in reach in every phase, for both partners', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(90_000);
	const sam = await talkOnPhones(alex, newPerson);
	const both = [alex, sam];

	// A fresh room, with its opening lines: drawing a card is right there, over no tab bar.
	for (const person of both) await expectInReach(person, 'Draw a card');
	await expect(alex.getByRole('navigation', { name: 'Main' })).toBeHidden();

	// After a draw, focus is on the new card; the speaker can answer, the listener can go first.
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	await expect(alex.getByTestId('card-text')).toBeFocused();
	await expect(alex.getByTestId('announcer')).toContainText('You drew a card:');
	await expect(sam.getByTestId('announcer')).toContainText('Alex drew a card:');
	await expect(sam.getByTestId('floor')).toContainText('Alex holds the floor');
	await alex.getByLabel('Your answer').fill(LONG_ANSWER);
	await expectInReach(alex, 'Share answer');
	await expectInReach(sam, "I'll go first");

	// Reflecting: the listener's panel is compact, and "Send reflection" is in reach.
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await expect(sam.getByTestId('answer-text')).toHaveText(LONG_ANSWER);
	await expect(alex.getByTestId('announcer')).toHaveText('Your answer is shared.');
	// The button used is gone; focus moved on to what comes next, not to the page.
	const focusInRoom = (page: Page) =>
		page.evaluate(() => !!document.activeElement?.closest('.room'));
	await expect.poll(() => focusInRoom(alex)).toBe(true);
	await expectInReach(alex);
	await expectInReach(sam, 'Send reflection');
	await sam
		.getByLabel('What you heard Alex say')
		.fill('You want more slow days, and asking is hard.');
	await expectInReach(sam, 'Send reflection');
	// Feelings picked are kept on the device with the words: a reload keeps both.
	await sam.getByText('Name the feelings you heard').click();
	await sam.getByText('calm', { exact: true }).click();
	await sam.getByText('relieved', { exact: true }).click();
	await sam.reload();
	await expect(sam.getByLabel('What you heard Alex say')).toHaveValue(
		'You want more slow days, and asking is hard.'
	);
	await expect(sam.getByRole('checkbox', { name: 'calm', exact: true })).toBeChecked();
	await expect(sam.getByRole('checkbox', { name: 'relieved', exact: true })).toBeChecked();
	await expect(sam.getByText('· 2 chosen').first()).toBeVisible();
	await expectInReach(sam, 'Send reflection');
	await expectAccessible(sam);

	// Confirming: "Yes, that's it" is in reach the moment the reflection arrives.
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await expect(alex.getByTestId('reflection-text')).toHaveText(
		'You want more slow days, and asking is hard.'
	);
	await expect.poll(() => focusInRoom(sam)).toBe(true);
	await expectInReach(alex, "Yes, that's it");
	await expectInReach(sam);
	await expect(alex.locator('#talk-reflection')).toBeInViewport();
	await expect(alex.getByTestId('reflection-text').locator('..')).toContainText('calm');

	// Complete: the next card for both; "is there more" puts the speaker's next step in reach too.
	await alex.getByRole('button', { name: "Yes, that's it" }).click();
	for (const person of both) await expectInReach(person, 'Next card');
	await sam.getByRole('button', { name: "Is there more you'd like me to know?" }).click();
	await expectInReach(alex, "That's all for now");
	await expectInReach(sam);
	await alex.getByRole('button', { name: "That's all for now" }).click();
	for (const person of both) await expectInReach(person, 'Next card');

	// Paused: the one who paused can pick it up again; the other can leave.
	await sam.getByRole('button', { name: 'Not ready yet — pause the talk' }).click();
	await expectInReach(sam, 'Pick it up again');
	await expect(
		alex.getByTestId('next-step').getByRole('link', { name: 'Leave for now' })
	).toBeInViewport();
	await expectAccessible(alex);
	await sam.getByRole('button', { name: 'Pick it up again' }).click();
	for (const person of both) await expectInReach(person, 'Next card');
});

/** Whether two elements' boxes overlap on screen. */
async function overlaps(page: Page, one: string, other: string) {
	return page.evaluate(
		([a, b]) => {
			const r1 = document.querySelector(a)!.getBoundingClientRect();
			const r2 = document.querySelector(b)!.getBoundingClientRect();
			return !(
				r1.right <= r2.left ||
				r2.right <= r1.left ||
				r1.bottom <= r2.top ||
				r2.bottom <= r1.top
			);
		},
		[one, other]
	);
}

test('nothing covers the talk; home says a talk is open; the paused "End talk" asks first', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(90_000);
	await alex.setViewportSize(PHONE);
	const sam = await newPerson({ viewport: PHONE });
	await pairUp(alex, sam);
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	const room = alex.url();
	// Without JavaScript the talk page says what it needs (read from the HTML: Playwright keeps the
	// parser's scripting flag on even with JavaScript off).
	const html = await (await alex.request.get(room)).text();
	expect(html).toMatch(/<noscript[^>]*>\s*<p[^>]*>\s*A live talk needs JavaScript/);

	// A toast arriving in the talk sits in the page's flow: it covers neither the talk nor its next step.
	await sam.getByRole('button', { name: 'Not now — thank you for asking' }).click();
	await expect(
		alex.getByText("Sam can't join just now — and says thank you for asking.")
	).toBeVisible();
	expect(await overlaps(alex, '.toast', '[data-testid="next-step"]')).toBe(false);
	expect(await overlaps(alex, '.toast', '#between-heading')).toBe(false);
	await expectInReach(alex, 'Draw a card');

	// Home says calmly that a talk is open, on both sides.
	await sam.goto('/');
	await expect(sam.getByTestId('open-talk')).toContainText(
		'Alex is in a talk — join when you like.'
	);
	const home = await alex.context().newPage();
	await home.goto('/');
	await expect(home.getByTestId('open-talk')).toContainText('Your talk with Sam is open.');
	await home.close();
	await sam.getByTestId('open-talk').getByRole('link', { name: 'Join' }).click();
	await expect(sam).toHaveURL(room);

	// Offline, "Reconnecting…" sits in the flow too: the card and the next step stay uncovered.
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	await expect(alex.getByTestId('card-text')).toBeFocused();
	await alex.context().setOffline(true);
	await expect(alex.getByText('Reconnecting… nothing you wrote is lost.')).toBeVisible();
	expect(await overlaps(alex, '[data-status="reconnecting"]', '#card-text')).toBe(false);
	expect(await overlaps(alex, '[data-status="reconnecting"]', '[data-testid="next-step"]')).toBe(
		false
	);
	await expectInReach(alex, 'Share answer');
	await alex.context().setOffline(false);
	await expect(alex.getByText('Reconnecting…')).toBeHidden();

	// Paused: "End talk" asks before it ends the talk for both, like the main one.
	await alex.getByRole('button', { name: 'Not ready yet — pause the talk' }).click();
	await expect(alex.getByRole('heading', { name: 'You paused the talk' })).toBeVisible();
	await alex.getByRole('button', { name: 'End talk' }).click();
	await expect(alex.getByRole('button', { name: 'End for both of us' })).toBeFocused();
	await alex.getByRole('button', { name: 'Not yet' }).click();
	await expect(alex.getByRole('button', { name: 'End talk' })).toBeFocused();
	await expect(alex.getByRole('heading', { name: 'You paused the talk' })).toBeVisible();
	await expect(sam.getByTestId('paused')).toBeVisible();
	await alex.getByRole('button', { name: 'End talk' }).click();
	await alex.getByRole('button', { name: 'End for both of us' }).click();
	for (const person of [alex, sam]) await expect(person.getByTestId('talk-summary')).toBeVisible();
	// The talk is over: the tab bar comes back, on both screens (and after a reload).
	for (const person of [alex, sam])
		await expect(person.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await sam.reload();
	await expect(sam.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expectAccessible(alex);
});

test('an opening line, more added, "not quite" and thoughts each say waiting, sent and seen', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(120_000);
	const sam = await talkOnPhones(alex, newPerson);
	const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

	// The opening line, chosen offline: on screen as Alex's, waiting, still Alex's to take back.
	await alex.context().setOffline(true);
	await expect(alex.getByText('Reconnecting… nothing you wrote is lost.')).toBeVisible();
	const choice = alex.locator('.opening-choice').first();
	const line = (await choice.textContent())!.trim();
	await choice.click();
	const waiting = region(alex, 'Your opening line');
	await expect(waiting.getByTestId('waiting-text')).toHaveText(`“${line}”`);
	await expect(waiting.getByTestId('delivery')).toHaveText('Waiting to send…');
	await expect(waiting.getByRole('button', { name: "Don't send" })).toBeVisible();
	await alex.context().setOffline(false);
	await expect(sam.getByTestId('opening-line')).toHaveText(`“${line}”`);
	await expect(alex.getByTestId('delivery')).toHaveText('Seen by Sam');
	// Only the one who wrote words sees where they are.
	await expect(sam.getByTestId('delivery')).toHaveCount(0);

	// "Not quite", with words: the speaker keeps seeing what they said, and that it was seen.
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	await alex.getByLabel('Your answer').fill('Slow mornings.');
	await alex.getByRole('button', { name: 'Share answer' }).click();
	await sam.getByLabel('What you heard Alex say').fill('You like mornings.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await alex.getByRole('button', { name: 'Not quite' }).click();
	await alex.getByLabel('What would you add?').fill('The slowness, mostly.');
	await alex.getByRole('button', { name: 'Send “Not quite”' }).click();
	const saidBack = region(alex, 'You said');
	await expect(saidBack.getByTestId('not-quite-text')).toHaveText(
		'Not quite. The slowness, mostly.'
	);
	await expect(saidBack.getByTestId('delivery')).toHaveText('Seen by Sam');
	await sam.getByLabel('What you heard Alex say').fill('The slowness matters to you.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();

	// More, added while Sam is on another page of the app: sent, not seen — then seen on return.
	await sam.getByRole('button', { name: "Is there more you'd like me to know?" }).click();
	await expect(alex.getByLabel("Sam asks: is there more you'd like them to know?")).toBeVisible();
	await sam.getByRole('link', { name: 'Hearth, home' }).click();
	await expect(sam.getByRole('heading', { name: /^Hi Sam/ })).toBeVisible();
	await alex
		.getByLabel("Sam asks: is there more you'd like them to know?")
		.fill('And the rain on the window.');
	await alex.getByRole('button', { name: 'Add this' }).click();
	const answer = region(alex, 'The answer');
	await expect(answer.getByTestId('addition')).toContainText('And the rain on the window.');
	await expect(answer.getByTestId('delivery')).toHaveText('Sent');
	await sam.getByTestId('open-talk').getByRole('link', { name: 'Join' }).click();
	await expect(sam.getByTestId('addition')).toContainText('And the rain on the window.');
	await expect(answer.getByTestId('delivery')).toHaveText('Seen by Sam');

	// Thoughts, when asked for: the listener's words carry the same quiet state.
	await sam.getByLabel('What you heard Alex say').fill('The rain too.');
	await sam.getByRole('button', { name: 'Send reflection' }).click();
	await alex.getByRole('button', { name: "Yes, that's it" }).click();
	await alex.getByRole('button', { name: "I'd like your thoughts" }).click();
	await sam.getByLabel('Alex would like your thoughts').fill('Let us keep Sundays slow.');
	await sam.getByRole('button', { name: 'Share my thoughts' }).click();
	await expect(alex.getByTestId('thoughts')).toHaveText('Let us keep Sundays slow.');
	await expect(region(sam, 'Thoughts').getByTestId('delivery')).toHaveText('Seen by Alex');
	await expect(region(alex, 'Thoughts').getByTestId('delivery')).toHaveCount(0);
	await expectAccessible(sam);

	// The summary begins with the opening line and leaves out a card drawn but never answered.
	const answered = (await alex.getByTestId('card-text').textContent())!.trim();
	await alex.getByRole('button', { name: 'Next card' }).click();
	await expect(alex.getByTestId('card-text')).not.toHaveText(answered);
	const unanswered = (await alex.getByTestId('card-text').textContent())!.trim();
	await alex.getByRole('button', { name: 'End talk' }).click();
	await alex.getByRole('button', { name: 'End for both of us' }).click();
	for (const person of [alex, sam]) {
		const summary = person.getByTestId('talk-summary');
		await expect(person.getByTestId('summary-opening')).toContainText(line);
		await expect(summary).toContainText(answered);
		await expect(summary).toContainText('And the rain on the window.');
		await expect(summary).not.toContainText(unanswered);
	}
});

test('leaving the talk for another page of the app says "stepped away"; coming back says "here"', async ({
	page: alex,
	newPerson
}) => {
	const sam = await newPerson();
	await pairUp(alex, sam);
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	const room = alex.url();
	await sam.goto(room);
	await expect(alex.getByTestId('partner-presence')).toHaveText('Sam is here');

	// Sam taps another tab: the app navigates in place, the socket stays connected.
	await sam.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	await sam.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cards' }).click();
	await expect(sam.getByRole('heading', { name: 'Cards', exact: true })).toBeVisible();
	expect(await sam.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	await expect(alex.getByTestId('partner-presence')).toHaveText('Sam stepped away');

	// Back in the room (still without a reload): here again, on both screens.
	await sam.goBack();
	await expect(sam).toHaveURL(room);
	expect(await sam.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	await expect(alex.getByTestId('partner-presence')).toHaveText('Sam is here');
	await expect(sam.getByTestId('partner-presence')).toHaveText('Alex is here');

	// The same the other way round, and through the brand link.
	await alex.getByRole('link', { name: 'Hearth, home' }).click();
	await expect(alex.getByTestId('open-talk')).toBeVisible();
	await expect(sam.getByTestId('partner-presence')).toHaveText('Alex stepped away');
	await alex.getByTestId('open-talk').getByRole('link', { name: 'Go to the talk' }).click();
	await expect(sam.getByTestId('partner-presence')).toHaveText('Alex is here');
});

/** The dock's own button for `name`, focused by pressing Tab, with every stop on the way. */
async function tabTo(page: Page, name: string | RegExp, most = 8) {
	const stops: string[] = [];
	const target = page.getByTestId('next-step').getByRole('button', { name });
	for (let i = 0; i < most; i++) {
		await page.keyboard.press('Tab');
		stops.push(
			await page.evaluate(
				() =>
					document.activeElement?.getAttribute('aria-label') ??
					document.activeElement?.textContent?.trim().slice(0, 40) ??
					''
			)
		);
		if (await target.evaluate((el) => el === document.activeElement)) return stops;
	}
	throw new Error(`Tab never reached "${name}": ${stops.join(' → ')}`);
}

/** A phone keyboard that resizes the page (interactive-widget=resizes-content): 300 px less. */
const KEYBOARD_UP = { width: 360, height: 440 };

test('on a touch phone with the keyboard up, the next step stays in reach, Tab leads to it and focus follows', async ({
	newPerson
}) => {
	test.setTimeout(120_000);
	const touch = { viewport: PHONE, hasTouch: true, isMobile: true };
	const alex = await newPerson(touch);
	const sam = await newPerson(touch);
	await pairUp(alex, sam);
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).tap();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await sam.goto(alex.url());
	await expect(alex.getByTestId('partner-presence')).toContainText('Sam is here');

	// Draw: focus on the new card's heading.
	await alex.getByRole('button', { name: 'Draw a card' }).tap();
	await expect(alex.getByTestId('card-text')).toBeFocused();

	// The answer, typed on the keyboard: the box and the bar both stay on screen.
	const answerBox = alex.getByLabel('Your answer');
	await answerBox.tap();
	await alex.setViewportSize(KEYBOARD_UP);
	await alex.keyboard.type('Slow mornings, and nobody needing anything from me.');
	await expect(answerBox).toBeFocused();
	await expect(answerBox).toHaveValue('Slow mornings, and nobody needing anything from me.');
	await expect(answerBox).toBeInViewport();
	expect(
		await overlaps(alex, '#answer', '[data-testid="next-step"]'),
		'the bar covers the box'
	).toBe(false);
	await expectInReach(alex, 'Share answer');
	// Tab from the box reaches the primary action without leaving the room; Enter sends.
	const stops = await tabTo(alex, 'Share answer');
	expect(stops.length).toBeLessThanOrEqual(3);
	await expectInReach(alex, 'Share answer');
	await alex.keyboard.press('Enter');
	await expect(sam.getByTestId('answer-text')).toHaveText(
		'Slow mornings, and nobody needing anything from me.'
	);
	// The button used is gone: focus is on what comes next (the line saying Sam reflects).
	await expect(alex.getByTestId('next-step')).toBeFocused();
	await alex.setViewportSize(PHONE);

	// The reflection, typed on Sam's keyboard, the same way.
	const reflectBox = sam.getByLabel('What you heard Alex say');
	await reflectBox.tap();
	await sam.setViewportSize(KEYBOARD_UP);
	await sam.keyboard.type('Mornings with no demands matter to you.');
	await expect(reflectBox).toBeInViewport();
	expect(await overlaps(sam, '#reflection', '[data-testid="next-step"]')).toBe(false);
	await expectInReach(sam, 'Send reflection');
	await tabTo(sam, 'Send reflection');
	await sam.keyboard.press('Enter');
	await expect(alex.getByTestId('reflection-text')).toHaveText(
		'Mornings with no demands matter to you.'
	);
	// What Sam may do next while Alex reads: ask whether there is more.
	await expect(sam.getByTestId('ask-more-early')).toBeFocused();
	await sam.setViewportSize(PHONE);

	// Confirming: the reflection arrived under Alex's focus, which moved to the bar's first button.
	await expect(alex.getByRole('button', { name: "Yes, that's it" })).toBeFocused();
	await alex.keyboard.press('Enter');
	await expectInReach(sam, 'Next card');
	await expect(alex.getByTestId('next-step').getByRole('button').first()).toBeFocused();
	// The next card, by keyboard: focus lands on the new card's heading.
	await tabTo(alex, 'Next card');
	await alex.keyboard.press('Enter');
	await expect(alex.getByTestId('card-text')).toBeFocused();
	await expect(alex.getByTestId('announcer')).toContainText('You drew a card:');
});
