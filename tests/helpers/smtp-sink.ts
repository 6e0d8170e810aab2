import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/**
 * A local SMTP server (smtp-server) on a port the OS chose, keeping every message it accepts:
 * the envelope's recipients, the headers (names in lower case, folded lines joined) and the
 * text as a person reads it (quoted-printable and base64 parts decoded).
 */
export interface ReceivedMail {
	to: string[];
	raw: string;
	/** Every value of a header, by its lower-case name. */
	headers: Map<string, string[]>;
	text: string;
}

export interface SmtpSink {
	/** `smtp://127.0.0.1:<port>` for SMTP_URL. */
	url: string;
	received: ReceivedMail[];
	close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
	const received: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, done) {
			let raw = '';
			stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
			stream.on('end', () => {
				received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, headers: parseHeaders(raw), text: readableText(raw) });
				done();
			});
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return {
		url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
		received,
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
}

/** The message's own headers (before the first empty line), unfolded (RFC 5322 §2.2.3). */
export function parseHeaders(raw: string): Map<string, string[]> {
	const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n(?=[ \t])/g, '');
	const headers = new Map<string, string[]>();
	for (const line of head.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon < 1) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
	}
	return headers;
}

/** The text parts of a message as a person reads them (multipart walked, base64 or quoted-printable decoded). */
export function readableText(raw: string): string {
	const headers = parseHeaders(raw);
	const body = raw.slice(raw.search(/\r?\n\r?\n/)).replace(/^\r?\n\r?\n/, '');
	const type = headers.get('content-type')?.[0] ?? 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (/^multipart\//i.test(type) && boundary) {
		return body
			.split(`--${boundary}`)
			.slice(1, -1)
			.map((part) => readableText(part.replace(/^\r?\n/, '')))
			.filter(Boolean)
			.join('\n');
	}
	if (!/^text\/plain/i.test(type)) return '';
	const encoding = headers.get('content-transfer-encoding')?.[0]?.toLowerCase();
	if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') {
		const soft = body.replace(/=\r?\n/g, '');
		const bytes: number[] = [];
		for (let i = 0; i < soft.length; i++) {
			if (soft[i] === '=' && /^[0-9A-F]{2}$/.test(soft.slice(i + 1, i + 3))) {
				bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
				i += 2;
			} else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
		}
		return Buffer.from(bytes).toString('utf8');
	}
	return body;
}
