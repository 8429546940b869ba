import { expect, person, signUp, test } from './fixtures';

test('A invites, B signs up through the link and joins; A sees B arrive; B leaves', async ({
	page,
	newPerson
}) => {
	const alex = person('Alex');
	const sam = person('Sam');
	await signUp(page, alex);
	await page.getByRole('button', { name: 'Invite your partner' }).click();
	const link = await page.getByLabel('Invite link').inputValue();
	expect(link).toMatch(/\/join\/[a-z2-7]{32}$/);
	await expect(page.getByTestId('invite-code')).toHaveText(
		/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/
	);

	// Sam opens the link signed out, signs up, and comes back to the invite.
	const samPage = await newPerson({ viewport: { width: 360, height: 740 } });
	await samPage.goto(link);
	await expect(samPage.getByRole('heading', { name: 'Alex invited you to Hearth' })).toBeVisible();
	await samPage.getByRole('link', { name: 'Create an account' }).click();
	await samPage.getByLabel('Your name').fill(sam.name);
	await samPage.getByLabel('Email').fill(sam.email);
	await samPage.getByLabel('Password').fill(sam.password);
	await samPage.getByRole('button', { name: 'Create account' }).click();
	await expect(samPage.getByRole('heading', { name: "Join Alex's space?" })).toBeVisible();
	await samPage.getByRole('button', { name: 'Join Alex' }).click();
	await expect(samPage.getByTestId('partner')).toContainText('Alex');

	// Alex's page updates live, with no reload.
	await expect(page.getByTestId('partner')).toContainText('Sam');
	await expect(page.getByText('Sam joined your space.')).toBeVisible();

	// Sam leaves, after a confirmation that says what happens.
	await samPage.getByRole('link', { name: 'Settings', exact: true }).click();
	await samPage.getByRole('link', { name: 'Leave the space…' }).click();
	await expect(samPage.getByText('read-only for both of you')).toBeVisible();
	await samPage.getByRole('button', { name: 'Leave the space' }).click();
	await expect(samPage.getByTestId('ended-space')).toContainText('Your space with Alex has ended');
	await expect(page.getByTestId('ended-space')).toContainText('Your space with Sam has ended');
	await expect(page.getByText('Sam left the space.')).toBeVisible();
});

test('joining with the code typed in by hand', async ({ page, newPerson }) => {
	const kim = person('Kim');
	await signUp(page, kim);
	await page.getByRole('button', { name: 'Invite your partner' }).click();
	const code = await page.getByTestId('invite-code').innerText();

	const lee = await newPerson();
	await signUp(lee, person('Lee'));
	await lee.getByRole('link', { name: 'Enter it here' }).click();
	await lee.getByLabel('Invite code').fill('nope');
	await lee.getByRole('button', { name: 'Continue' }).click();
	await expect(lee.getByText('A code has 8 letters and numbers')).toBeVisible();
	await lee.getByLabel('Invite code').fill(code.toLowerCase());
	await lee.getByRole('button', { name: 'Continue' }).click();
	await lee.getByRole('button', { name: 'Join Kim' }).click();
	await expect(lee.getByTestId('partner')).toContainText('Kim');
});
