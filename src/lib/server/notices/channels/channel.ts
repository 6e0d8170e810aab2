import type { NoticeBody } from '$lib/i18n/notices';
import type { ChannelName, NoticeKind } from '../outbox';

/** One notice as a channel gets it: already rendered, one recipient. */
export interface Outgoing {
	id: number;
	kind: NoticeKind;
	channel: ChannelName;
	recipient: string;
	locale: string;
	body: NoticeBody;
	/** 1 on the first attempt. */
	attempt: number;
}

/** What the provider accepted: its message id, when it gives one (delivery reports refer to it). */
export interface Accepted {
	providerId?: string | null;
}

/**
 * A way to reach a visitor (e-mail, SMS, push). `send` resolves when the provider accepted the
 * message and rejects when it did not: a `PermanentFailure` (a refused address, a 4xx) is not
 * retried, anything else is retried with backoff.
 */
export interface Channel {
	readonly name: ChannelName;
	/** For the log: which provider (`smtp`, `log`, `webhook`, `smpp`, `web-push`). */
	readonly provider: string;
	send(notice: Outgoing): Promise<Accepted>;
	close?(): Promise<void>;
}

export class PermanentFailure extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PermanentFailure';
	}
}
