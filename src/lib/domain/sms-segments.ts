/**
 * How many SMS segments a text takes (3GPP TS 23.038). A text that uses only the GSM 7-bit
 * alphabet travels in 160 septets per single message, 153 per part of a long one (the user data
 * header takes the rest); the characters of the extension table (`{ } [ ] ~ \ | ^ €` and form
 * feed) take two septets. Anything else (Cyrillic) makes the whole text UCS-2: 70 UTF-16 units in
 * one message, 67 per part. Operators bill per segment, so every Russian template stays within 70.
 */

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsCount {
	encoding: SmsEncoding;
	/** Septets (GSM-7) or UTF-16 code units (UCS-2). */
	units: number;
	segments: number;
	/** Units per segment at this length: 160/153 or 70/67. */
	perSegment: number;
}

export function smsEncoding(text: string): SmsEncoding {
	for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return 'ucs2';
	return 'gsm7';
}

export function countSms(text: string): SmsCount {
	const encoding = smsEncoding(text);
	let units = 0;
	if (encoding === 'gsm7') for (const ch of text) units += extension.has(ch) ? 2 : 1;
	else units = text.length;
	const [single, multi] = encoding === 'gsm7' ? [160, 153] : [70, 67];
	if (units === 0) return { encoding, units, segments: 0, perSegment: single };
	if (units <= single) return { encoding, units, segments: 1, perSegment: single };
	return { encoding, units, segments: Math.ceil(units / multi), perSegment: multi };
}
