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
