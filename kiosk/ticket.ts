import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrintJob } from '$lib/kiosk/types';
import { kioskMessages } from '$lib/i18n/kiosk';

/**
 * The paper ticket in ESC/POS for an 80 mm printer (48 columns of font A), encoded with
 * @point-of-sale/receipt-printer-encoder (the comparison with `escpos` and `@node-escpos/core`
 * is in kiosk/README.md). Cyrillic goes out in code page 866, selected with `ESC t 17` (Epson's
 * table; `--codepage-mapping` picks another vendor's numbering), the QR code is the printer's
 * own (`GS ( k`), and the paper is cut at the end.
 */
export interface TicketLayout {
	/** Public URL of the server for the QR code (`https://talon.example`). */
	publicUrl: string;
	/** Characters per line in font A: 48 for 80 mm paper, 32 for 58 mm. */
	columns?: number;
	/** Which number the printer gives code page 866 (vendor tables differ). */
	codepageMapping?: 'epson' | 'xprinter' | 'pos-8360' | 'star' | 'citizen' | 'bixolon';
	/** Printed "now" for a reprint; tests pin it. */
	now?: Date;
}

/**
 * Characters that CP866 lacks but our texts use (office names in «ёлочках», dashes) become
 * their nearest CP866 form, so nothing prints as `?`.
 */
export function cp866Safe(text: string): string {
	return text
		.replace(/[«»“”„]/g, '"')
		.replace(/[‘’]/g, "'")
		.replace(/[–—]/g, '-')
		.replace(/…/g, '...')
		.replace(/\u00a0/g, ' ');
}

export function formatIssuedAt(iso: string, timeZone: string, locale: 'ru' | 'en'): string {
	return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
		timeZone,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
}

export function statusUrl(job: Pick<PrintJob, 'statusPath'>, publicUrl: string): string {
	return publicUrl.replace(/\/+$/, '') + job.statusPath;
}

export function renderTicket(job: PrintJob, layout: TicketLayout): Uint8Array {
	const m = kioskMessages(job.locale).paper;
	const en = job.locale === 'en';
	const columns = layout.columns ?? 48;
	const e = new ReceiptPrinterEncoder({
		language: 'esc-pos',
		columns,
		codepageMapping: layout.codepageMapping ?? 'epson',
		feedBeforeCut: 4
	});
	const t = (s: string) => cp866Safe(s);
	e.initialize()
		.codepage('cp866')
		.align('center')
		.bold(true)
		.line(t(en ? job.office.nameEn : job.office.nameRu))
		.bold(false)
		.line(formatIssuedAt(job.issuedAt, job.office.timeZone, job.locale))
		.rule({ style: 'single' })
		.line(m.ticket)
		.bold(true)
		.size(4, 4)
		.line(job.number)
		.size(1, 1)
		.bold(false)
		.newline()
		.line(t(`${m.service}:`))
		.bold(true)
		.line(t(en ? job.service.nameEn : job.service.nameRu))
		.bold(false)
		.newline()
		.line(t(m.ahead(job.ahead)))
		.line(t(m.estimate(job.estimatedWaitSec)))
		.rule({ style: 'single' })
		.line(t(m.follow))
		.qrcode(statusUrl(job, layout.publicUrl), { model: 2, size: 6, errorlevel: 'm' })
		.line(t(m.notice));
	if (job.kind === 'reprint') e.newline().line(m.reprint);
	return e.cut('partial').encode();
}
