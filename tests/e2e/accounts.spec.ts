import { expect, logIn, person, signUp, test } from './fixtures';

test('sign up, log out and log in again', async ({ page }) => {
	const sam = person('Sam');
	await signUp(page, sam);
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await page.getByRole('button', { name: 'Log out', exact: true }).click();
	await expect(page).toHaveURL(/\/login$/);
	await logIn(page, sam);
	await expect(page.getByRole('heading', { name: 'Hi Sam' })).toBeVisible();
});

test('wrong input shows a message by the field and keeps what was typed', async ({ page }) => {
	await page.goto('/signup');
	await page.getByLabel('Your name').fill('Ana');
	await page.getByLabel('Email').fill('ana-at-example');
	await page.getByLabel('Password').fill('short');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('That does not look like an email address.')).toBeVisible();
	await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
	await expect(page.getByLabel('Your name')).toHaveValue('Ana');
	await expect(page.getByLabel('Email')).toHaveValue('ana-at-example');
	await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});

test('a page that needs an account returns there after login', async ({ page }) => {
	const kim = person('Kim');
	await signUp(page, kim);
	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await page.getByRole('button', { name: 'Log out', exact: true }).click();
	// The log-out has landed before the next address is typed (or that navigation is cut short).
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/settings');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings/);
	await page.getByLabel('Email').fill(kim.email);
	await page.getByLabel('Password').fill(kim.password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('"Log out of all devices" disconnects a second browser of the same person', async ({
	page,
	newPerson
}) => {
	const lee = person('Lee');
	await signUp(page, lee);
	const laptop = await newPerson();
	await logIn(laptop, lee);
	await expect(laptop.getByRole('heading', { name: 'Hi Lee' })).toBeVisible();
	await laptop.getByRole('link', { name: 'History', exact: true }).click();
	await expect(laptop.getByRole('heading', { name: 'History' })).toBeVisible();

	await page.getByRole('link', { name: 'Settings', exact: true }).click();
	await page.getByRole('button', { name: 'Log out of all devices' }).click();
	await expect(page).toHaveURL(/\/login/);

	// The other browser learns at once over its socket, without any click.
	await expect(laptop).toHaveURL(/\/login\?signedOut=1&redirectTo=%2Fhistory/);
	await expect(laptop.getByText("You've been signed out on this device.").first()).toBeVisible();
});
