/**
 * A small ESC/POS decoder for tests and for the paper preview: turns the bytes a printer
 * received into commands and text lines (Cyrillic decoded from code page 866 when `ESC t 17`
 * selected it). It knows the commands Talon sends; anything else is reported as `unknown`.
 */
export type EscPosCommand =
	| { op: 'init' }
	| { op: 'codepage'; n: number }
	| { op: 'text'; text: string; bold: boolean; width: number; height: number; align: 'left' | 'center' | 'right' }
	| { op: 'newline' }
	| { op: 'bold'; on: boolean }
	| { op: 'size'; width: number; height: number }
	| { op: 'align'; value: 'left' | 'center' | 'right' }
	| { op: 'qr'; data: string; moduleSize: number; errorLevel: string }
	| { op: 'cut'; partial: boolean }
	| { op: 'feed'; lines: number }
	| { op: 'status-query'; n: number }
	| { op: 'other'; bytes: number[] }
	| { op: 'unknown'; byte: number };

/** Code page 866, bytes 0x80..0xFF (standard table). */
const CP866_HIGH =
	'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп' +
	'░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
	'рстуфхцчшщъыьэюяЁёЄєЇїЎў°∙·√№¤■\u00a0';

export function decodeCp866(bytes: number[]): string {
	return bytes.map((b) => (b < 0x80 ? String.fromCharCode(b) : CP866_HIGH[b - 0x80]!)).join('');
}

export function encodeCp866(text: string): number[] {
	return [...text].map((ch) => {
		const c = ch.charCodeAt(0);
		if (c < 0x80) return c;
		const i = CP866_HIGH.indexOf(ch);
		if (i < 0) throw new Error(`not in CP866: ${ch}`);
		return 0x80 + i;
	});
}

export function inspect(input: Uint8Array | number[]): EscPosCommand[] {
	const b = [...input];
	const out: EscPosCommand[] = [];
	let codepage = 0;
	let bold = false;
	let width = 1;
	let height = 1;
	let align: 'left' | 'center' | 'right' = 'left';
	let text: number[] = [];
	const qr = { moduleSize: 3, errorLevel: 'L', data: '' };
	const flush = () => {
		if (text.length === 0) return;
		// Code page 0 (CP437) shares CP866's box-drawing bytes 0xB0..0xDF (the encoder switches to it for rules).
		const decoded =
			codepage === 17 ? decodeCp866(text) : text.map((c) => (c >= 0xb0 && c <= 0xdf ? decodeCp866([c]) : String.fromCharCode(c))).join('');
		out.push({ op: 'text', text: decoded, bold, width, height, align });
		text = [];
	};
	let i = 0;
	while (i < b.length) {
		const c = b[i]!;
		if (c === 0x1b) {
			flush();
			const k = b[i + 1];
			if (k === 0x40) {
				out.push({ op: 'init' });
				codepage = 0;
				bold = false;
				width = height = 1;
				align = 'left';
				i += 2;
			} else if (k === 0x74) {
				codepage = b[i + 2]!;
				out.push({ op: 'codepage', n: codepage });
				i += 3;
			} else if (k === 0x45) {
				bold = b[i + 2] === 1;
				out.push({ op: 'bold', on: bold });
				i += 3;
			} else if (k === 0x61) {
				align = (['left', 'center', 'right'] as const)[b[i + 2]! % 48] ?? 'left';
				out.push({ op: 'align', value: align });
				i += 3;
			} else if (k === 0x64) {
				out.push({ op: 'feed', lines: b[i + 2]! });
				i += 3;
			} else if (k === 0x4d || k === 0x21 || k === 0x2d || k === 0x33 || k === 0x4a) {
				out.push({ op: 'other', bytes: b.slice(i, i + 3) });
				i += 3;
			} else if (k === 0x32) {
				out.push({ op: 'other', bytes: b.slice(i, i + 2) });
				i += 2;
			} else {
				out.push({ op: 'unknown', byte: c });
				i += 1;
			}
		} else if (c === 0x1d) {
			flush();
			const k = b[i + 1];
			if (k === 0x21) {
				const n = b[i + 2]!;
				width = (n >> 4) + 1;
				height = (n & 0x0f) + 1;
				out.push({ op: 'size', width, height });
				i += 3;
			} else if (k === 0x56) {
				const m = b[i + 2]!;
				out.push({ op: 'cut', partial: m === 1 || m === 49 || m === 66 });
				i += m === 65 || m === 66 ? 4 : 3;
			} else if (k === 0x28 && b[i + 2] === 0x6b) {
				const len = b[i + 3]! + b[i + 4]! * 256;
				const body = b.slice(i + 5, i + 5 + len);
				const [cn, fn] = body;
				if (cn === 0x31 && fn === 0x43) qr.moduleSize = body[2]!;
				else if (cn === 0x31 && fn === 0x45)
					qr.errorLevel = ({ 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as Record<number, string>)[body[2]!] ?? '?';
				else if (cn === 0x31 && fn === 0x50) qr.data = String.fromCharCode(...body.slice(3));
				else if (cn === 0x31 && fn === 0x51) out.push({ op: 'qr', data: qr.data, moduleSize: qr.moduleSize, errorLevel: qr.errorLevel });
				i += 5 + len;
			} else {
				out.push({ op: 'other', bytes: b.slice(i, i + 3) });
				i += 3;
			}
		} else if (c === 0x1c) {
			flush();
			out.push({ op: 'other', bytes: b.slice(i, i + 2) });
			i += 2;
		} else if (c === 0x10 && b[i + 1] === 0x04) {
			flush();
			out.push({ op: 'status-query', n: b[i + 2]! });
			i += 3;
		} else if (c === 0x0a) {
			flush();
			out.push({ op: 'newline' });
			i += 1;
		} else if (c === 0x0d) {
			i += 1;
		} else if (c < 0x20) {
			flush();
			out.push({ op: 'unknown', byte: c });
			i += 1;
		} else {
			text.push(c);
			i += 1;
		}
	}
	flush();
	return out;
}

/** The printed text, one string per line, without the spaces that centre it. */
export function textLines(cmds: EscPosCommand[]): string[] {
	return rawLines(cmds).map((l) => l.trim());
}

/** The printed text, one string per line as the paper shows it (centring spaces kept). */
export function rawLines(cmds: EscPosCommand[]): string[] {
	const lines: string[] = [];
	let cur = '';
	for (const c of cmds) {
		if (c.op === 'text') cur += c.text;
		else if (c.op === 'newline') {
			lines.push(cur);
			cur = '';
		}
	}
	if (cur) lines.push(cur);
	return lines;
}

/** Splits a byte stream into tickets: each starts with ESC @ and ends with a cut. */
export function tickets(cmds: EscPosCommand[]): EscPosCommand[][] {
	const out: EscPosCommand[][] = [];
	let cur: EscPosCommand[] | null = null;
	for (const c of cmds) {
		if (c.op === 'init') cur = [];
		if (cur) cur.push(c);
		if (c.op === 'cut' && cur) {
			out.push(cur);
			cur = null;
		}
	}
	return out;
}
