/** Gentle toasts: partner events announced on screen and to screen readers, then gone. */
export type Notice = { id: number; text: string };

class Notices {
	list = $state<Notice[]>([]);
	#next = 1;

	push(text: string, ms = 6000) {
		const id = this.#next++;
		this.list.push({ id, text });
		setTimeout(() => this.dismiss(id), ms);
	}

	dismiss(id: number) {
		this.list = this.list.filter((n) => n.id !== id);
	}
}

export const notices = new Notices();
