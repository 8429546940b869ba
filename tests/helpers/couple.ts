import { HttpClient, uniqueEmail } from './http';

export const PASSWORD = 'a calm password';

export async function person(baseUrl: string, name: string) {
	const client = new HttpClient(baseUrl);
	const email = uniqueEmail(name.toLowerCase());
	await client.signup({ name, email, password: PASSWORD, timeZone: 'Europe/London' });
	return Object.assign(client, { name, email });
}

export type Person = Awaited<ReturnType<typeof person>>;

/** Makes an invite from Home and reads its link token and code back from the page. */
export async function invite(inviter: HttpClient) {
	const made = await inviter.action('/?/invite', {});
	if (made.body.type !== 'success') throw new Error(`invite failed: ${JSON.stringify(made)}`);
	const html = await (await inviter.get('/')).text();
	const token = /\/join\/([a-z2-7]{32})/.exec(html)?.[1];
	const code = /data-testid="invite-code"[^>]*>([A-Z0-9-]+)</.exec(html)?.[1];
	const inviteId = /name="inviteId" value="([0-9a-f-]{36})"/.exec(html)?.[1];
	if (!token || !code || !inviteId) throw new Error('invite not shown on Home');
	return { token, code, inviteId };
}

/** Two people who share a space, made the way people do it: invite, then accept. */
export async function couple(baseUrl: string, names: [string, string] = ['Alex', 'Sam']) {
	const tag = Math.random().toString(36).slice(2, 7);
	const a = await person(baseUrl, `${names[0]}${tag}`);
	const b = await person(baseUrl, `${names[1]}${tag}`);
	const { token } = await invite(a);
	const accepted = await b.action(`/join/${token}`, {});
	if (accepted.body.type !== 'redirect')
		throw new Error(`join failed: ${JSON.stringify(accepted)}`);
	return { a, b };
}
