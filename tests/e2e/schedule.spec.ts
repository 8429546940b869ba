import { DateTime, Settings } from 'luxon';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, pairUp, test } from './fixtures';

// Hearth writes dates the British way ("Tue 4 Mar", 24-hour clock): expect them the same way.
Settings.defaultLocale = 'en-GB';

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const day = (dt: DateTime) => dt.toFormat('ccc d LLL');

/** Two people paired through the real invite flow, each with their browser's zone saved (checked). */
async function pairInZones(first: Page, second: Page, zones: [string, string]) {
	await pairUp(first, second);
	for (const [page, zone] of [
		[first, zones[0]],
		[second, zones[1]]
	] as const) {
		await page.goto('/settings');
		await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue(zone);
		await page.goto('/');
	}
}

test('planning a talk across time zones: propose, suggest another time, accept, join', async ({
	newPerson
}) => {
	test.setTimeout(120_000);
	// Each browser lives in its own zone; signing up saves the zone the browser reports.
	const alex = await newPerson({ timezoneId: NY });
	const sam = await newPerson({ timezoneId: LONDON, viewport: { width: 360, height: 740 } });
	await pairInZones(alex, sam, [NY, LONDON]);

	// Alex plans from Home: next week, 20:00 on the New York clock.
	await alex.getByRole('button', { name: 'Plan a talk' }).click();
	await expect(alex.getByText('Pick the day and time on your own clock (New York).')).toBeVisible();
	await expect(alex.getByText('Sam will see it in their time (London).')).toBeVisible();
	const first = DateTime.now().setZone(NY).plus({ days: 7 }).set({ hour: 20, minute: 0 });
	await alex.getByLabel('Day', { exact: true }).fill(first.toFormat('yyyy-MM-dd'));
	await alex.getByLabel('Time', { exact: true }).fill('20:00');
	await expect(alex.getByLabel('How long')).toHaveValue('30');
	await alex
		.getByLabel("What you'd like to talk about (optional)")
		.fill("how we're doing with the move");
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(alex.getByTestId('confirmation')).toHaveText(
		"Sent to Sam. You'll see their answer here."
	);
	const firstLondon = first.setZone(LONDON);
	await expect(alex.getByTestId('when')).toHaveText(
		`${day(first)}, 20:00 for you · ${day(firstLondon)}, ${firstLondon.toFormat('HH:mm')} for Sam`
	);

	// Sam, on Home, hears it live and reads it on the London clock.
	const samToast = sam.locator('.toast', { hasText: 'Alex would like to plan a talk with you.' });
	await expect(samToast).toBeVisible();
	await expect(sam.getByTestId('upcoming-talk')).toContainText(
		`${day(firstLondon)}, ${firstLondon.toFormat('HH:mm')} for you`
	);
	await expectAccessible(sam);
	await samToast.getByRole('link', { name: 'Have a look' }).click();
	await expect(sam.getByRole('heading', { name: 'Alex would like to talk' })).toBeVisible();
	await expect(sam.getByTestId('when')).toHaveText(
		`${day(firstLondon)}, ${firstLondon.toFormat('HH:mm')} for you · ${day(first)}, 20:00 for Alex`
	);
	await expect(sam.getByTestId('intention')).toHaveText("“how we're doing with the move”");

	// Sam suggests the evening after, 19:00 London time.
	const counter = firstLondon.plus({ days: 1 }).set({ hour: 19, minute: 0 });
	await sam.getByText('Suggest another time').click();
	await sam.getByLabel('Day', { exact: true }).fill(counter.toFormat('yyyy-MM-dd'));
	await sam.getByLabel('Time', { exact: true }).fill('19:00');
	await expectAccessible(sam);
	await sam.getByRole('button', { name: 'Suggest this time' }).click();
	await expect(sam.getByTestId('confirmation')).toHaveText(
		'Your suggestion is on its way to Alex.'
	);
	await expect(sam.getByRole('heading', { name: 'Waiting for Alex' })).toBeVisible();

	// Alex hears it and reads it on the New York clock, then says yes.
	const alexToast = alex.locator('.toast', { hasText: 'Sam suggested another time.' });
	await expect(alexToast).toBeVisible();
	await expect(alex.getByRole('heading', { name: 'Another time was suggested' })).toBeVisible();
	await alexToast.getByRole('link', { name: 'Have a look' }).click();
	const counterNy = counter.setZone(NY);
	await expect(alex.getByTestId('when')).toHaveText(
		`${day(counterNy)}, ${counterNy.toFormat('HH:mm')} for you · 19:00 for Sam`
	);
	await alex.getByRole('button', { name: "Yes, let's talk then" }).click();
	await expect(alex.getByTestId('confirmation')).toContainText('You said yes.');
	await expect(alex.getByRole('link', { name: 'Add to calendar' })).toHaveAttribute(
		'href',
		/\/calendar\.ics$/
	);

	// Sam sees the yes live, on the page they are on.
	await expect(sam.locator('.toast', { hasText: 'Alex said yes to your talk.' })).toBeVisible();
	await expect(sam.getByRole('heading', { name: 'A talk with Alex' })).toBeVisible();
	await expect(sam.getByTestId('when')).toHaveText(
		`${day(counter)}, 19:00 for you · ${counterNy.toFormat('HH:mm')} for Alex`
	);
	await expectAccessible(sam);

	// The hour comes: a talk a couple of minutes away, agreed — both are reminded, and join.
	const soon = DateTime.now().setZone(NY).plus({ minutes: 3 });
	await alex.goto('/schedule/new');
	await alex.getByLabel('Day', { exact: true }).fill(soon.toFormat('yyyy-MM-dd'));
	await alex.getByLabel('Time', { exact: true }).fill(soon.toFormat('HH:mm'));
	await alex.getByLabel("What you'd like to talk about (optional)").fill('our weekly check-in');
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(alex.getByTestId('confirmation')).toBeVisible();
	const soonToast = sam
		.locator('.toast', { hasText: 'Alex would like to plan a talk with you.' })
		.last();
	await soonToast.getByRole('link', { name: 'Have a look' }).click();
	await expect(sam.getByTestId('intention')).toHaveText('“our weekly check-in”');
	await sam.getByRole('button', { name: "Yes, let's talk then" }).click();

	// Both hear "starts in … minutes" at once, with a way in.
	const reminder = /Your talk starts in (a minute|\d minutes) — “our weekly check-in”\./;
	await expect(alex.locator('.toast', { hasText: reminder })).toBeVisible();
	await expect(sam.locator('.toast', { hasText: reminder })).toBeVisible();
	await expectAccessible(alex);

	// Sam joins from the plan; the live room shows the intention.
	await expect(sam.getByRole('button', { name: 'Join now' })).toBeVisible();
	await sam.getByRole('button', { name: 'Join now' }).click();
	await expect(sam).toHaveURL(/\/talk\/[0-9a-f-]{36}$/);
	await expect(sam.getByTestId('intention')).toContainText('our weekly check-in');

	// Alex joins the same talk from Home.
	await alex.goto('/');
	const upcoming = alex.getByTestId('upcoming-talk').filter({ hasText: 'our weekly check-in' });
	await upcoming.getByRole('button', { name: 'Join now' }).click();
	await expect(alex).toHaveURL(sam.url());
	await expect(alex.getByTestId('intention')).toContainText('our weekly check-in');
});

test('a time the clocks skip is refused; a weekly talk takes a week off; "not this time" with a note', async ({
	newPerson
}) => {
	test.setTimeout(90_000);
	const alex = await newPerson({ timezoneId: NY, viewport: { width: 360, height: 740 } });
	const sam = await newPerson({ timezoneId: NY });
	await pairInZones(alex, sam, [NY, NY]);

	// The next second Sunday of March in New York: 02:30 does not exist that night.
	const now = DateTime.now().setZone(NY);
	const secondSunday = (year: number) => {
		let d = DateTime.fromObject({ year, month: 3, day: 8, hour: 12 }, { zone: NY });
		while (d.weekday !== 7) d = d.plus({ days: 1 });
		return d;
	};
	const gap = secondSunday(now.year) > now ? secondSunday(now.year) : secondSunday(now.year + 1);
	await alex.goto('/schedule/new');
	await alex.getByLabel('Day', { exact: true }).fill(gap.toFormat('yyyy-MM-dd'));
	await alex.getByLabel('Time', { exact: true }).fill('02:30');
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(
		alex.getByText('The clocks skip 02:30 that night in New York. Try 03:30.')
	).toBeVisible();
	await expect(alex.getByLabel('Time', { exact: true })).toBeFocused();
	await expectAccessible(alex);

	// A weekly talk: agreed, then one week taken off; the others stay.
	const start = DateTime.now().setZone(NY).plus({ days: 2 });
	await alex.getByLabel('Day', { exact: true }).fill(start.toFormat('yyyy-MM-dd'));
	await alex.getByLabel('Time', { exact: true }).fill('19:30');
	await alex.getByText('Every week at this time').click();
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(alex.getByTestId('confirmation')).toBeVisible();
	const planUrl = alex.url();
	await sam.goto(planUrl);
	await sam.getByRole('button', { name: "Yes, let's talk then" }).click();
	await expect(sam.getByTestId('confirmation')).toContainText('You said yes.');
	const weeks = sam.getByTestId('week');
	await expect(weeks).toHaveCount(6);
	await weeks
		.nth(1)
		.getByRole('button', { name: /Take this week off/ })
		.click();
	await expect(sam.getByTestId('confirmation')).toHaveText(
		'That week is set aside. The rest stays planned.'
	);
	await expect(weeks.nth(1)).toContainText('Taking this week off');
	await expect(weeks.nth(2).getByRole('button', { name: /Take this week off/ })).toBeVisible();
	await expect(
		alex.locator('.toast', { hasText: 'Sam is taking one week off your weekly talk.' })
	).toBeVisible();
	await expect(alex.getByTestId('week').nth(1)).toContainText('Taking this week off');
	await expectAccessible(sam);

	// "Not this time", with a kind note: Alex hears it and reads the note; nothing is scolded.
	await alex.goto('/schedule/new');
	await alex
		.getByLabel('Day', { exact: true })
		.fill(start.plus({ days: 1 }).toFormat('yyyy-MM-dd'));
	await alex.getByLabel('Time', { exact: true }).fill('21:00');
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(alex.getByRole('heading', { name: 'Waiting for Sam' })).toBeVisible();
	await sam.goto(alex.url().replace(/\?.*$/, ''));
	await sam.getByText('Not this time', { exact: true }).click();
	await sam
		.getByLabel('A note for Alex (optional)')
		.fill('Not that evening — can we find another?');
	await sam.getByRole('button', { name: 'Send “not this time”' }).click();
	await expect(sam.getByTestId('confirmation')).toHaveText(
		'Sent. Alex will hear "Not now — thank you for asking", and nothing more.'
	);
	await expect(
		alex.locator('.toast', { hasText: 'Sam said: not now — thank you for asking.' })
	).toBeVisible();
	await expect(alex.getByRole('heading', { name: 'Not now' })).toBeVisible();
	await expect(alex.getByTestId('response-note')).toHaveText(
		'“Not that evening — can we find another?”'
	);
	await expect(alex.getByRole('link', { name: 'Plan another time' })).toBeVisible();
	await expectAccessible(alex);

	// Or in one tap, no reason asked: "Not now — thank you for asking".
	await alex.goto('/schedule/new');
	await alex
		.getByLabel('Day', { exact: true })
		.fill(start.plus({ days: 2 }).toFormat('yyyy-MM-dd'));
	await alex.getByLabel('Time', { exact: true }).fill('20:00');
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(alex.getByRole('heading', { name: 'Waiting for Sam' })).toBeVisible();
	await sam.goto(alex.url().replace(/\?.*$/, ''));
	await sam.getByRole('button', { name: 'Not now — thank you for asking' }).click();
	await expect(
		sam.getByText("You said not now. That's okay — nothing more will come of it.")
	).toBeVisible();
	await expect(
		alex.locator('.toast', { hasText: 'Sam said: not now — thank you for asking.' })
	).toBeVisible();
	await alex.reload();
	await expect(
		alex.getByText("Sam said: not now — thank you for asking. That's okay.")
	).toBeVisible();
});
