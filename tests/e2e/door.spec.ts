import type { Page } from '@playwright/test';
import { expect, expectAccessible, pairUp, test } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const NOTE = 'Sam left the door open for a talk this week';

/** Moves this person's clock (the test-only request header the e2e server honours). */
async function setClock(page: Page, at: number) {
	await page.context().setExtraHTTPHeaders({ 'x-hearth-test-now': String(at) });
}

test('an open door: left without starting, seen warmly, a time proposed, a talk started, faded after a week, closed by either', async ({
	page: alex,
	newPerson
}) => {
	test.setTimeout(120_000);
	const sam = await newPerson({ viewport: { width: 360, height: 740 } });
	await pairUp(alex, sam);

	// Sam finds it hard to begin: from Home, the door is left open, "something on my mind".
	const myDoor = sam.getByTestId('my-door');
	await expect(myDoor.getByRole('heading', { name: 'Leave the door open' })).toBeVisible();
	await myDoor.getByText('Something on my mind').click();
	await myDoor.getByRole('button', { name: 'Leave the door open' }).click();
	await expect(myDoor.getByRole('heading', { name: 'Your door is open' })).toBeVisible();
	await expect(myDoor.getByRole('status')).toHaveText('Your door is open.');
	await expectAccessible(sam);

	// Alex, on Home, sees the note arrive without reloading — no toast, no badge, nothing counted.
	const note = alex.getByTestId('door-note');
	await expect(note.getByRole('heading', { name: NOTE })).toBeVisible();
	await expect(note.getByTestId('door-depth')).toHaveText('Something is on their mind.');
	await expect(alex.getByTestId('unread-badge')).toHaveCount(0);
	await expect(alex.locator('.toast')).toHaveCount(0);
	await expectAccessible(alex);

	// Sam opens it again with another depth: the same door, updated in place.
	await myDoor.getByText('Something light').click();
	await myDoor.getByRole('button', { name: 'Keep it open' }).click();
	await expect(myDoor.getByRole('status')).toHaveText('Your door stays open for a week from now.');
	await expect(note.getByTestId('door-depth')).toHaveText('Something light, they say.');
	await expect(alex.getByTestId('door-note')).toHaveCount(1);

	// Alex proposes a time through the door: the plan starts from what the door said.
	await note.getByRole('link', { name: 'Propose a time' }).click();
	await expect(alex.getByTestId('door-plan')).toContainText('Sam left the door open');
	await expect(alex.getByLabel("What you'd like to talk about (optional)")).toHaveValue(
		'Something light'
	);
	await alex.getByRole('button', { name: 'Ask Sam' }).click();
	await expect(alex).toHaveURL(/\/schedule\/[0-9a-f-]{36}\?planned=1$/);

	// The talk page says it too; from Home, Alex starts a talk, and Sam is invited to join.
	await alex.goto('/talk');
	await expect(alex.getByTestId('door-note')).toContainText(NOTE);
	await alex.goto('/');
	await alex.getByTestId('door-note').getByRole('button', { name: 'Start a talk' }).click();
	await expect(alex).toHaveURL(/\/talk\/[0-9a-f-]{36}/);
	await expect(sam.getByText('Alex started a talk.')).toBeVisible();

	// A week on (a clock the test sets), the door has faded by itself, for both of them.
	const weekOn = Date.now() + 8 * DAY;
	await setClock(alex, weekOn);
	await setClock(sam, weekOn);
	await alex.goto('/');
	await expect(alex.getByTestId('door-note')).toHaveCount(0);
	await sam.goto('/');
	await expect(myDoor.getByRole('heading', { name: 'Leave the door open' })).toBeVisible();

	// Sam leaves it open again; Alex says "Thanks — we talked": it closes for both, quietly.
	await myDoor.getByRole('button', { name: 'Leave the door open' }).click();
	await expect(note.getByRole('heading', { name: NOTE })).toBeVisible();
	await expect(note.getByTestId('door-depth')).toHaveCount(0);
	await note.getByRole('button', { name: 'Thanks — we talked' }).click();
	await expect(alex.getByTestId('door-note')).toHaveCount(0);
	await expect(myDoor.getByRole('heading', { name: 'Leave the door open' })).toBeVisible();
	await expect(myDoor.getByText(/closed|talked/i)).toHaveCount(0);

	// And the one who opened it may close it: Alex's note goes, live.
	await myDoor.getByRole('button', { name: 'Leave the door open' }).click();
	await expect(note).toBeVisible();
	await myDoor.getByRole('button', { name: 'Close the door' }).click();
	await expect(myDoor.getByRole('status')).toHaveText('Your door is closed.');
	await expect(alex.getByTestId('door-note')).toHaveCount(0);
	await expectAccessible(sam);
	await expectAccessible(alex);

	// Nothing of it is history.
	for (const page of [alex, sam]) {
		await page.goto('/history');
		await expect(page.locator('main')).not.toContainText(/door/i);
	}
});

test('without JavaScript the door still opens and closes', async ({ page: alex, newPerson }) => {
	const sam = await newPerson();
	await pairUp(alex, sam);
	const quiet = await newPerson({
		storageState: await sam.context().storageState(),
		javaScriptEnabled: false,
		viewport: { width: 360, height: 740 }
	});
	await quiet.goto('/');
	await quiet.getByTestId('my-door').getByText('Something light').click();
	await quiet.getByRole('button', { name: 'Leave the door open' }).click();
	await expect(quiet).toHaveURL(/\/door/);
	await expect(quiet.getByRole('heading', { name: 'Your door is open' })).toBeVisible();
	await alex.goto('/');
	await expect(alex.getByTestId('door-depth')).toHaveText('Something light, they say.');
	await quiet.getByRole('button', { name: 'Close the door' }).click();
	await expect(quiet.getByRole('heading', { name: 'Leave the door open' })).toBeVisible();
	await alex.reload();
	await expect(alex.getByTestId('door-note')).toHaveCount(0);
});
