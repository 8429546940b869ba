/** Minimal browser-like HTTP client: posts forms the way a page does and keeps the session cookie. */
export class HttpClient {
	cookie = '';
	constructor(readonly baseUrl: string) {}

	get session(): string {
		return /hearth_session=([^;]+)/.exec(this.cookie)?.[1] ?? '';
	}

	private remember(response: Response) {
		for (const header of response.headers.getSetCookie()) {
			const [pair] = header.split(';');
			const [name, value] = pair!.split('=');
			if (name !== 'hearth_session') continue;
			const expired = /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(header);
			this.cookie = expired || !value ? '' : `hearth_session=${value}`;
		}
	}

	async get(path: string): Promise<Response> {
		const response = await fetch(this.baseUrl + path, {
			headers: this.cookie ? { cookie: this.cookie } : {},
			redirect: 'manual'
		});
		this.remember(response);
		return response;
	}

	/** Submits a form action as progressive enhancement does (JSON answer with `type`). */
	async action(path: string, fields: Record<string, string>, origin = this.baseUrl) {
		const response = await fetch(this.baseUrl + path, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				origin,
				...(this.cookie ? { cookie: this.cookie } : {})
			},
			body: new URLSearchParams(fields).toString(),
			redirect: 'manual'
		});
		this.remember(response);
		const text = await response.text();
		let body: { type?: string; status?: number; location?: string; data?: unknown };
		try {
			body = JSON.parse(text);
		} catch {
			body = { type: 'text', data: text };
		}
		// An enhanced action answers HTTP 200 with the real status inside the JSON body.
		return { status: body.status ?? response.status, body, data: decodeDevalue(body.data) };
	}

	async signup(fields: { name: string; email: string; password: string; timeZone?: string }) {
		const result = await this.action('/signup', fields);
		if (result.body.type !== 'redirect')
			throw new Error(`signup failed: ${JSON.stringify(result)}`);
		return result;
	}

	async login(email: string, password: string) {
		return this.action('/login', { email, password });
	}
}

/** SvelteKit sends action data serialised with devalue; a small decoder for plain objects. */
function decodeDevalue(data: unknown): unknown {
	if (typeof data !== 'string') return data;
	const table = JSON.parse(data) as unknown[];
	const seen = new Map<number, unknown>();
	const hydrate = (index: number): unknown => {
		if (seen.has(index)) return seen.get(index);
		const value = table[index];
		if (Array.isArray(value)) {
			const list: unknown[] = [];
			seen.set(index, list);
			for (const item of value) list.push(hydrate(item as number));
			return list;
		}
		if (value && typeof value === 'object') {
			const object: Record<string, unknown> = {};
			seen.set(index, object);
			for (const [key, ref] of Object.entries(value)) object[key] = hydrate(ref as number);
			return object;
		}
		return value;
	};
	return hydrate(0);
}

let counter = 0;
export function uniqueEmail(label = 'person') {
	counter += 1;
	return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}
