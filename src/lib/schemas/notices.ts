import { z } from 'zod';
import { normalizePhone } from '$lib/domain/booking-rules';

/**
 * A visitor's "tell me when I am near" (`POST /api/v1/tickets/{code}/alerts` and the form on
 * /t/<code>): a channel, where to (a phone for SMS, an address for e-mail, a browser's push
 * subscription for push) and how many may still be ahead (1–10, default 3).
 */
export const alertChannel = z.enum(['sms', 'email', 'push']).describe('How to tell the visitor');

export const pushSubscription = z
	.object({
		endpoint: z.url({ protocol: /^https?$/ }).max(1000),
		keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) })
	})
	.meta({ id: 'PushSubscription', description: "A browser's Web Push subscription (PushSubscription.toJSON())" });

export const newAlertBody = z
	.object({
		channel: alertChannel,
		to: z.string().trim().max(200).optional().describe('The phone (sms: a Russian number, +7…) or e-mail address (email)'),
		subscription: pushSubscription.optional().describe('For push: the subscription of the browser'),
		ahead: z.coerce.number().int().min(1, 'ahead').max(10, 'ahead').default(3).describe('Notify when this many or fewer are ahead')
	})
	.transform((v, ctx) => {
		if (v.channel === 'sms') {
			const phone = normalizePhone(v.to ?? '');
			if (!phone) ctx.addIssue({ code: 'custom', path: ['to'], message: 'phone' });
			return { channel: v.channel, recipient: phone ?? '', ahead: v.ahead };
		}
		if (v.channel === 'email') {
			const ok = z.email().safeParse(v.to ?? '');
			if (!ok.success) ctx.addIssue({ code: 'custom', path: ['to'], message: 'email' });
			return { channel: v.channel, recipient: (v.to ?? '').toLowerCase(), ahead: v.ahead };
		}
		if (!v.subscription) ctx.addIssue({ code: 'custom', path: ['subscription'], message: 'subscription' });
		return { channel: v.channel, recipient: JSON.stringify(v.subscription ?? {}), ahead: v.ahead };
	});
export type NewAlert = z.output<typeof newAlertBody>;

export const alertView = z
	.object({
		channel: alertChannel,
		ahead: z.int().min(1).max(10),
		to: z.string().nullable().describe('Masked: +7916*****67, a***@example.ru, or the push service'),
		aheadSent: z.boolean().describe('The "N ahead" notice was already written')
	})
	.meta({ id: 'TicketAlert', description: 'One of a ticket’s alerts' });
export type AlertView = z.output<typeof alertView>;

/** One notice as the supervisors' list (/admin/notices) shows it: the recipient masked. */
export interface NoticeListItem {
	id: number;
	officeId: number | null;
	kind: string;
	channel: 'sms' | 'email' | 'push';
	to: string | null;
	state: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
	attempts: number;
	lastError: string | null;
	createdAt: string;
	failedAt: string | null;
}

export interface NoticeCounts {
	pending: number;
	sending: number;
	sent24h: number;
	failed24h: number;
	failed: number;
}

/**
 * What the stop link of a booking's e-mails (/book/stop/<id>) shows before it stops them: which
 * booking, to which address (masked), and whether they were already stopped.
 */
export interface BookingStopView {
	code: string;
	/** ISO instant. */
	startsAt: string;
	localDay: string;
	timeZone: string;
	office: { nameRu: string; nameEn: string };
	service: { nameRu: string; nameEn: string };
	/** `a***@example.ru` */
	to: string;
	stopped: boolean;
}
