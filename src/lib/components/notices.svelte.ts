/** Gentle toasts: partner events announced on screen and to screen readers, then gone. */
export type Notice = {
	id: number;
	text: string;
	link?: { href: string; label: string };
	/** A second, gentle answer (it closes the notice). */
	action?: { label: string; run: () => void };
};

class Notices {
	list = $state<Notice[]>([]);
	#next = 1;

	push(
		text: string,
		options: { ms?: number; link?: Notice['link']; action?: Notice['action'] } = {}
	) {
		const { ms = 6000, link, action } = options;
		const id = this.#next++;
		this.list.push({ id, text, link, action });
		setTimeout(() => this.dismiss(id), ms);
	}

	dismiss(id: number) {
		this.list = this.list.filter((n) => n.id !== id);
	}
}

export const notices = new Notices();
