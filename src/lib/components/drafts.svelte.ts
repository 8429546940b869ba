/** Typing stays on this device until it is sent: kept in local storage so a reload loses nothing. */
export class Draft {
	#key: string;
	value = $state('');

	constructor(key: string) {
		this.#key = `hearth:draft:${key}`;
		try {
			this.value = localStorage.getItem(this.#key) ?? '';
		} catch {
			this.value = '';
		}
	}

	set(value: string) {
		this.value = value;
		try {
			if (value) localStorage.setItem(this.#key, value);
			else localStorage.removeItem(this.#key);
		} catch {
			// Storage blocked: the draft lives in memory for this page.
		}
	}

	clear() {
		this.set('');
	}
}

/** Feelings and needs picked beside a draft: kept on this device with it, so a reload keeps them. */
export class Picks {
	#key: string;
	#feelings = $state<string[]>([]);
	#needs = $state<string[]>([]);
	/** Whether anything was picked when this was opened (a fold around the choices starts open). */
	readonly hadPicks: boolean;

	constructor(key: string) {
		this.#key = `hearth:picks:${key}`;
		try {
			const saved = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as {
				feelings?: unknown;
				needs?: unknown;
			} | null;
			this.#feelings = strings(saved?.feelings);
			this.#needs = strings(saved?.needs);
		} catch {
			// Nothing kept, or storage blocked: start empty.
		}
		this.hadPicks = this.#feelings.length + this.#needs.length > 0;
	}

	get feelings() {
		return this.#feelings;
	}
	set feelings(value: string[]) {
		this.#feelings = value;
		this.#save();
	}
	get needs() {
		return this.#needs;
	}
	set needs(value: string[]) {
		this.#needs = value;
		this.#save();
	}

	clear() {
		this.#feelings = [];
		this.#needs = [];
		this.#save();
	}

	#save() {
		try {
			if (this.#feelings.length || this.#needs.length)
				localStorage.setItem(
					this.#key,
					JSON.stringify({ feelings: this.#feelings, needs: this.#needs })
				);
			else localStorage.removeItem(this.#key);
		} catch {
			// Storage blocked: the picks live in memory for this page.
		}
	}
}

const strings = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
