import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, pairUp, test } from './fixtures';

const LONDON = 'Europe/London';
const PHONE = { width: 360, height: 740 };

/**
 * The next step is on screen without scrolling, and nothing covers it: its box lies inside the
 * viewport and the element at its centre is its own.
 */
async function expectInReach(page: Page, name: string | RegExp) {
	const target = page.getByTestId('next-step').getByRole('button', { name });
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

test('a weekly check-in from its plan: four steps, one "Not this week", then "Last time" in a talk', async ({
	newPerson
}) => {
	test.setTimeout(180_000);
	const alex = await newPerson({ timezoneId: LONDON });
	const sam = await newPerson({ timezoneId: LONDON, viewport: PHONE });
	await pairUp(alex, sam);

	// Alex plans it from the talk page: a weekly plan, marked "our check-in", in a few minutes.
	await alex.goto('/talk');
	await alex.getByRole('link', { name: 'Plan it every week' }).click();
	await expect(alex.getByLabel('Our check-in')).toBeChecked();
	await expect(alex.getByLabel(/Every week at this time/)).toBeChecked();
	const soon = DateTime.now().setZone(LONDON).plus({ minutes: 3 });
	await alex.getByLabel('Day', { exact: true }).fill(soon.toFormat('yyyy-MM-dd'));
	await alex.getByLabel('Time', { exact: true }).fill(soon.toFormat('HH:mm'));
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(alex.getByTestId('confirmation')).toBeVisible();
	await expect(alex.getByTestId('checkin-plan')).toHaveText('Our check-in');
	const planUrl = new URL(alex.url()).pathname;

	// Sam says yes and joins from the plan: it opens into the check-in, not a talk.
	await sam.goto(planUrl);
	await sam.getByRole('button', { name: "Yes, let's talk then" }).click();
	await sam.getByRole('button', { name: 'Join now' }).click();
	await expect(sam).toHaveURL(/\/checkin\/[0-9a-f-]{36}$/);
	await expect(sam.getByRole('heading', { name: 'Our check-in' })).toBeVisible();
	await expect(sam.getByTestId('intention')).toContainText('Your weekly check-in');
	// Alex joins the same check-in from Home.
	await alex.goto('/');
	const upcoming = alex.getByTestId('upcoming-talk').filter({ hasText: 'Our check-in' });
	await upcoming.getByRole('button', { name: 'Join now' }).click();
	await expect(alex).toHaveURL(sam.url());
	// Each sees the other is in the room, as in a talk.
	await expect(sam.getByTestId('partner-presence')).toContainText('Alex is here');
	await expect(alex.getByTestId('partner-presence')).toContainText('Sam is here');

	// (a) An appreciation each way, revealed together.
	await expect(sam.locator('[aria-current="step"]')).toContainText('An appreciation');
	await expectInReach(sam, 'Not this week');
	await expectAccessible(sam);
	await alex
		.getByLabel('Something Sam did this week that you loved')
		.fill('You made soup when I was tired.');
	await alex.getByRole('button', { name: 'Share', exact: true }).click();
	await expect(alex.getByTestId('entry-mine')).toHaveText('You made soup when I was tired.');
	await expect(sam.getByTestId('partner-wrote')).toHaveText(
		"Alex has written theirs. You'll see it once you've had your turn."
	);
	await expect(sam.getByText('You made soup when I was tired.')).toHaveCount(0);
	await sam
		.getByLabel('Something Alex did this week that you loved')
		.fill('You listened on the long walk.');
	await expectInReach(sam, 'Share');
	await sam.getByRole('button', { name: 'Share', exact: true }).click();
	for (const page of [alex, sam]) {
		const revealed = page.getByTestId('entry-appreciation');
		await expect(revealed).toHaveCount(2);
		await expect(revealed.filter({ hasText: 'You made soup when I was tired.' })).toBeVisible();
		await expect(revealed.filter({ hasText: 'You listened on the long walk.' })).toBeVisible();
		await expect(page.locator('[aria-current="step"]')).toContainText('What went well');
	}

	// (b) What went well: Sam says "Not this week". Alex's screen shows no sign of it.
	await sam.getByRole('button', { name: 'Not this week' }).click();
	await expect(
		sam.getByText("Alex is having their turn. You'll see each other's together.")
	).toBeVisible();
	await expect(alex.getByTestId('partner-wrote')).toHaveCount(0);
	await expect(alex.getByText(/not this week/i)).toHaveCount(1); // Alex's own button only
	await alex
		.getByLabel('What went well for the two of you this week?')
		.fill('The Saturday at the lake.');
	await alex.getByRole('button', { name: 'Share', exact: true }).click();

	// (c) One thing on my mind: Sam began the check-in, so Sam holds the floor.
	await expect(sam.locator('[aria-current="step"]')).toContainText('One thing on my mind');
	await expect(alex.locator('[aria-current="step"]')).toContainText('One thing on my mind');
	await expect(sam.getByTestId('entry-went-well')).toHaveText(/The Saturday at the lake\./);
	await expect(alex.getByTestId('entry-went-well')).toHaveCount(1);
	await expect(sam.getByTestId('floor')).toContainText('You hold the floor.');
	await expect(alex.getByTestId('floor')).toContainText('Sam holds the floor.');
	await sam.getByLabel("What's on your mind this week?").fill('Work has been loud this week.');
	// Alex sees that Sam is writing — never what, until it is shared.
	await expect(alex.getByTestId('partner-presence')).toContainText('Sam is writing');
	await expect(alex.getByText('Work has been loud this week.')).toHaveCount(0);
	await sam.getByRole('button', { name: 'Share', exact: true }).click();
	await expect(alex.getByTestId('answer-text')).toHaveText('Work has been loud this week.');
	await expect(alex.getByTestId('partner-presence')).toContainText('Sam is here');
	// Once Alex's screen has shown it, Sam's says so.
	await expect(sam.locator('#mind-answer').getByTestId('delivery')).toHaveText('Seen by Alex');
	await alex.getByLabel('What you heard Sam say').fill('The noise at work wears you down.');
	await alex.getByRole('button', { name: 'Send reflection' }).click();
	await expect(sam.getByTestId('reflection-text')).toHaveText('The noise at work wears you down.');
	await expectInReach(sam, "Yes, that's it");
	await expectAccessible(sam);
	await sam.getByRole('button', { name: "Yes, that's it" }).click();
	await sam.getByRole('button', { name: 'Just listen' }).click();
	await expect(alex.getByTestId('steer')).toHaveText(
		'Sam would like you just to listen — no advice needed.'
	);
	await expectAccessible(alex);
	await alex.getByRole('button', { name: 'On to What would help' }).click();

	// (d) What would help: each names one small thing, kept for next time.
	await expect(sam.locator('[aria-current="step"]')).toContainText('What would help');
	await sam
		.getByLabel('What would help you this week? One small thing.')
		.fill('A quiet evening on Thursday.');
	await sam.getByRole('button', { name: 'Share', exact: true }).click();
	await alex
		.getByLabel('What would help you this week? One small thing.')
		.fill('A walk together on Sunday.');
	await alex.getByRole('button', { name: 'Share', exact: true }).click();
	for (const page of [alex, sam]) {
		await expect(
			page.getByRole('heading', { name: "That's your check-in for this week" })
		).toBeVisible();
		await expect(page.getByTestId('kept-for-next-time')).toBeVisible();
		await expect(page.getByTestId('entry-help')).toHaveCount(2);
	}
	await expectAccessible(sam);
	await expectAccessible(alex);

	// History keeps it like a talk, with no line for the step Sam let pass.
	await sam.getByRole('link', { name: 'See it in history' }).click();
	const transcript = sam.getByTestId('transcript');
	await expect(transcript).toContainText('You made soup when I was tired.');
	await expect(transcript).toContainText('The Saturday at the lake.');
	await expect(transcript).not.toContainText(/not this week|passed/i);
	await sam.goto('/history');
	await expect(sam.getByTestId('timeline-item').first()).toContainText('Check-in');

	// Next time: a live talk opens with "Last time" — what was understood, what would help.
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	const lastTime = alex.getByTestId('last-time');
	await expect(lastTime.getByTestId('last-time-heard')).toContainText(
		'You heard Sam: “The noise at work wears you down.”'
	);
	await expect(lastTime.getByTestId('last-time-asked')).toHaveCount(2);
	await expect(lastTime).toContainText('Sam: A quiet evening on Thursday.');
	await expect(lastTime).toContainText('You: A walk together on Sunday.');
	await sam.goto(alex.url());
	await expect(sam.getByTestId('last-time-heard')).toContainText(
		'Alex heard you: “The noise at work wears you down.”'
	);
	await expectAccessible(sam);
	await expectAccessible(alex);
});

test('a check-in from the talk page, on a laptop: "Last time" keeps a set-aside card for its owner only', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(120_000);
	const sam = await newPerson({ viewport: PHONE });
	await pairUp(alex, sam);

	// A talk where Alex sets a card aside, then ends it.
	await alex.goto('/talk');
	await alex.getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await alex.getByRole('button', { name: 'Draw a card' }).click();
	const setAsideCard = (await alex.getByTestId('card-text').textContent())!.trim();
	await alex.getByRole('button', { name: 'Not ready yet for this card' }).click();
	await expect(alex.getByTestId('set-aside-notice')).toBeVisible();
	await alex.getByRole('button', { name: 'End talk' }).click();
	await alex.getByRole('button', { name: 'End for both of us' }).click();

	// Sam starts the check-in from the talk page; Alex is invited and joins.
	await sam.goto('/talk');
	await sam.getByRole('button', { name: 'Start our check-in' }).click();
	await expect(sam).toHaveURL(/\/checkin\/[0-9a-f-]{36}$/);
	const invite = alex.locator('.toast', { hasText: 'Sam started your check-in.' });
	await expect(invite).toBeVisible();
	// Home says so too, calmly, for as long as it is open.
	await alex.goto('/');
	await expect(alex.getByTestId('open-checkin')).toHaveText(
		/Sam has opened your check-in — join when you like\.\s+Join/
	);
	await alex.getByTestId('open-checkin').getByRole('link', { name: 'Join' }).click();
	await expect(alex).toHaveURL(sam.url());

	// "Last time": Alex sees their own resting card; Sam never sees it.
	await expect(alex.getByTestId('last-time-resting')).toHaveText(setAsideCard);
	await expect(sam.getByTestId('last-time')).toHaveCount(0);
	await expect(sam.getByText(setAsideCard)).toHaveCount(0);
	await expectAccessible(alex);

	// Words written offline stay on screen as Alex's, waiting; "Edit" puts them back in the box.
	await alex.context().setOffline(true);
	await expect(alex.getByText('Reconnecting… nothing you wrote is lost.')).toBeVisible();
	const box = alex.getByLabel('Something Sam did this week that you loved');
	await box.fill('The tea you brought me, unasked.');
	await alex.getByRole('button', { name: 'Share', exact: true }).click();
	await expect(alex.getByTestId('entry-mine')).toHaveText('The tea you brought me, unasked.');
	await expect(alex.getByTestId('delivery')).toHaveText('Waiting to send…');
	await alex.getByRole('button', { name: 'Edit' }).click();
	await expect(box).toHaveValue('The tea you brought me, unasked.');
	await expect(box).toBeFocused();
	await box.fill('The tea you brought me, unasked, on Monday.');
	await alex.getByRole('button', { name: 'Share', exact: true }).click();
	await expect(alex.getByTestId('delivery')).toHaveText('Waiting to send…');
	await alex.context().setOffline(false);
	await expect(alex.getByTestId('delivery')).toHaveText('Sent');
	await expect(sam.getByTestId('partner-wrote')).toBeVisible();
	await expect(sam.getByText('The tea you brought me')).toHaveCount(0);

	// Either can end it for both, with a question first.
	await alex.getByRole('button', { name: 'End the check-in' }).click();
	await alex.getByRole('button', { name: 'End for both of us' }).click();
	await expect(sam.getByRole('heading', { name: 'The check-in has ended' })).toBeVisible();
	await expect(alex.getByRole('heading', { name: 'The check-in has ended' })).toBeVisible();
	await expectAccessible(sam);
});
