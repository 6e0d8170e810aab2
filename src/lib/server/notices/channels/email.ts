import nodemailer from 'nodemailer';
import QRCode from 'qrcode';
import { PermanentFailure, type Channel } from './channel';

/**
 * E-mail through nodemailer (`SMTP_URL`, `SMTP_FROM`). The Message-ID is derived from the
 * notice's id, the same on every attempt. A 5xx reply of the server (a refused recipient) is
 * permanent; a connection failure or 4xx is retried.
 *
 * Every e-mail's stop link (`body.unsubscribeUrl`) is also its `List-Unsubscribe` header, with
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a mail client's own
 * «unsubscribe» POSTs to the link and stops the same thing as the page's button. (RFC 8058 also
 * wants the message DKIM-signed over these headers: the job of the relay at SMTP_URL.)
 */
export function smtpEmail(opts: { url: string; from: string }): Channel {
	const transport = nodemailer.createTransport(opts.url);
	return {
		name: 'email',
		provider: 'smtp',
		async send(n) {
			const attachments: { filename: string; content: string | Buffer; contentType: string }[] = [...(n.body.attachments ?? [])];
			// A booking's confirmation carries its code as a QR picture (the kiosk's scanner reads it).
			const code = n.kind === 'booking_confirmed' ? n.body.attachments?.find((a) => a.filename.endsWith('.ics'))?.filename : null;
			const bookingCode = code?.match(/^booking-(.+)\.ics$/)?.[1];
			if (bookingCode) {
				attachments.push({
					filename: `booking-${bookingCode}.png`,
					content: await QRCode.toBuffer(bookingCode, { margin: 1, width: 240 }),
					contentType: 'image/png'
				});
			}
			try {
				const info = await transport.sendMail({
					from: opts.from,
					to: n.recipient,
					subject: n.body.subject ?? n.body.text.split('\n')[0],
					text: n.body.text,
					messageId: `<notice-${n.id}@talon>`,
					attachments,
					...(n.body.unsubscribeUrl && {
						list: { unsubscribe: n.body.unsubscribeUrl },
						headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
					})
				});
				return { providerId: info.messageId ?? null };
			} catch (e) {
				const code = (e as { responseCode?: number }).responseCode;
				if (code && code >= 500) throw new PermanentFailure((e as Error).message);
				throw e;
			}
		},
		async close() {
			transport.close();
		}
	};
}
