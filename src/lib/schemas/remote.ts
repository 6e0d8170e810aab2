import { z } from 'zod';
import { normalizePhone } from '$lib/domain/booking-rules';
import { issuedTicket } from './tickets';

/** Remote joining (issue 13): the phone at /q/<office> and `POST /api/v1/offices/{office}/remote/*`. */
export const remotePhone = z
	.string()
	.trim()
	.max(40)
	.transform((v, ctx) => {
		const phone = normalizePhone(v);
		if (!phone) ctx.addIssue({ code: 'custom', message: 'phone' });
		return phone ?? '';
	})
	.describe('A Russian mobile number (+7…, 8…); kept in E.164 for the SMS notices of the ticket only');

export const remoteCodeBody = z.object({ phone: remotePhone });
export const remoteCodeSent = z
	.object({ expiresAt: z.iso.datetime().describe('The code is valid until then (5 minutes, 3 tries)') })
	.meta({ id: 'RemoteCodeSent' });

export const remoteTicketBody = z.object({
	phone: remotePhone,
	code: z
		.string()
		.trim()
		.regex(/^\d{6}$/, 'code')
		.describe('The 6-digit code from the SMS'),
	serviceId: z.coerce.number().int().positive().describe('A service the office lets visitors join remotely')
});

export const remoteTicket = issuedTicket
	.extend({
		checkinCode: z
			.string()
			.regex(/^[A-Z0-9]{6}$/)
			.describe('Typed at the kiosk on arrival: until then the ticket keeps its place but is not called')
	})
	.meta({ id: 'RemoteTicket' });
