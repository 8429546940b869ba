/**
 * What a room both partners are in (a live talk, a check-in) does on screen alike, on a phone above
 * all: it knows whether focus was inside it (so when a button goes once used, the room can move
 * focus on instead of letting it fall to the page); the next-step bar rides above an on-screen
 * keyboard that only overlays the page (iOS: `--keyboard-inset`, from the visual viewport); and
 * what is being typed stays above that bar — a field taking focus, or the keyboard opening,
 * scrolls it to just above the bar, whose measured height is `--dock-height`. Made while the room
 * component initialises (it sets up effects).
 */
export class RoomScreen {
	#focusWasHere = false;
	#room: () => HTMLElement | undefined;

	constructor(room: () => HTMLElement | undefined) {
		this.#room = room;
		$effect(() => {
			const onFocusIn = (event: FocusEvent) => {
				const inside = this.#room()?.contains(event.target as Node) ?? false;
				this.#focusWasHere = inside;
				if (inside && event.target instanceof HTMLTextAreaElement) this.#keepTypingInView();
			};
			document.addEventListener('focusin', onFocusIn);
			return () => {
				document.removeEventListener('focusin', onFocusIn);
				document.documentElement.style.removeProperty('--dock-height');
			};
		});
		$effect(() => {
			const viewport = window.visualViewport;
			if (!viewport) return;
			const root = document.documentElement;
			const measure = () => {
				const covered = window.innerHeight - viewport.height - viewport.offsetTop;
				const inset = viewport.scale > 1.01 ? 0 : Math.max(0, Math.round(covered));
				root.style.setProperty('--keyboard-inset', `${inset}px`);
			};
			const resized = () => {
				measure();
				this.#keepTypingInView();
			};
			measure();
			viewport.addEventListener('resize', resized);
			viewport.addEventListener('scroll', measure);
			return () => {
				viewport.removeEventListener('resize', resized);
				viewport.removeEventListener('scroll', measure);
				root.style.removeProperty('--keyboard-inset');
			};
		});
	}

	/** Whether focus was inside the room when it last moved (not yet on the page at large). */
	get focusWasHere() {
		return this.#focusWasHere;
	}

	#keepTypingInView() {
		const room = this.#room();
		const dock = room?.querySelector<HTMLElement>('.dock');
		const height = dock ? Math.ceil(dock.getBoundingClientRect().height) : 0;
		document.documentElement.style.setProperty('--dock-height', `${height}px`);
		const active = document.activeElement;
		if (active instanceof HTMLTextAreaElement && room?.contains(active))
			active.scrollIntoView({ block: 'nearest' });
	}
}
