import { io } from 'socket.io-client';
import { send } from '$lib/realtime/send';
import { createOfficeFeed, socketOptions, type FeedStatus, type OfficeFeed, type TalonSocket } from '$lib/realtime/feed';
import type { OfficeSnapshot } from '$lib/realtime/types';
import type { Locale } from '$lib/i18n/locale';
import type { PrinterStatus } from './types';
import type { PrintJobRef } from '$lib/realtime/kiosk-events';
import type { PrintProgress } from './print-notice';

/**
 * The kiosk screen's live link (browser only): the socket with the kiosk's token, the office
 * feed (services, waiting counts) and the printer's status. It reconnects by itself forever;
 * a refused token (revoked) is reported once so the page can return to pairing.
 */
export interface KioskConnection {
	socket: TalonSocket;
	feed: OfficeFeed;
	stop(): void;
}

export interface KioskConnectionHandlers {
	onState(state: OfficeSnapshot): void;
	onStatus(status: FeedStatus): void;
	onPrinter(status: PrinterStatus): void;
	/** An agent took a job of this kiosk, or put it on paper (src/lib/kiosk/print-notice.ts). */
	onPrintJob(job: PrintJobRef, stage: PrintProgress): void;
	onRevoked(): void;
}

export function connectKiosk(token: string, officeId: number, lang: Locale, h: KioskConnectionHandlers): KioskConnection {
	const socket: TalonSocket = io({ ...socketOptions, auth: { deviceToken: token, lang } });
	const feed = createOfficeFeed(socket, { officeId, onState: (s) => h.onState(s), onStatus: (s) => h.onStatus(s) });
	const readPrinter = async () => {
		// No answer: read again on the next connect (`printer:status` pushes changes meanwhile).
		const ack = await send(socket, 'kiosk:printer', {}, 5000);
		if (ack.data) h.onPrinter(ack.data);
	};
	socket.on('connect', readPrinter);
	socket.on('printer:status', (s) => h.onPrinter(s));
	socket.on('print:taken', (j) => h.onPrintJob(j, 'taken'));
	socket.on('print:done', (j) => h.onPrintJob(j, 'done'));
	socket.on('connect_error', (err) => {
		if ((err as Error & { data?: { code?: string } }).data?.code === 'unauthorized') h.onRevoked();
	});
	// The server ended the connection (admin: the kiosk was revoked, its office archived). Socket.IO
	// does not come back by itself then: connect again, and the handshake says whether we still may.
	socket.on('disconnect', (reason) => {
		if (reason === 'io server disconnect') socket.connect();
	});
	return {
		socket,
		feed,
		stop() {
			feed.stop();
			socket.close();
		}
	};
}
