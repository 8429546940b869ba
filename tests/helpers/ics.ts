/**
 * RFC 5545 §3.1: content lines end in CRLF, hold no CONTROL (%x00-08, %x0A-1F, %x7F) but HTAB,
 * and SHOULD be folded at 75 octets (a continuation starts with one space or tab).
 */
export function rfc5545Problems(text: string): string[] {
	const problems: string[] = [];
	if (!text.endsWith('\r\n')) problems.push('does not end with CRLF');
	const lines = text.slice(0, -2).split('\r\n');
	lines.forEach((line, i) => {
		// eslint-disable-next-line no-control-regex
		const control = /[\u0000-\u0008\u000A-\u001F\u007F]/.exec(line);
		if (control) problems.push(`line ${i}: control U+${control[0].charCodeAt(0).toString(16)}`);
		if (
			/[\u0080-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
				line
			)
		)
			problems.push(`line ${i}: C1 control or unpaired surrogate`);
		const octets = new TextEncoder().encode(line).length;
		if (octets > 75) problems.push(`line ${i}: ${octets} octets`);
		if (line === '') problems.push(`line ${i}: empty`);
	});
	return problems;
}
