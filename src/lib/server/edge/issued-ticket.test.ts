import { describe, expect, it } from 'vitest';
import { ticket, at } from '$lib/realtime/view-fixtures';
import { issuedTicket } from '$lib/schemas/tickets';
import { handshakeOrigin, issuedTicketReply } from './issued-ticket';

describe('issuedTicketReply', () => {
	it('answers every issuer with the documented IssuedTicket shape', () => {
		const issued = {
			ticket: ticket(7, { category: 'appointment', appointmentAt: at(30) }),
			publicCode: 'abcdefghijklmnop',
			position: { ahead: 2, estimatedWaitSec: 600 },
			duplicate: false
		};
		const reply = issuedTicketReply(issued, 'https://talon.example');
		expect(issuedTicket.parse(reply)).toEqual(reply);
		expect(reply).toMatchObject({
			statusUrl: 'https://talon.example/t/abcdefghijklmnop',
			ahead: 2,
			estimatedWaitSec: 600,
			appointmentAt: at(30),
			duplicate: false
		});
	});
});

describe('handshakeOrigin', () => {
	it("is the page's Origin, else the Host it connected to", () => {
		expect(handshakeOrigin({ headers: { origin: 'https://talon.example', host: '10.0.0.5:3000' }, secure: false })).toBe(
			'https://talon.example'
		);
		expect(handshakeOrigin({ headers: { host: '10.0.0.5:3000' }, secure: false })).toBe('http://10.0.0.5:3000');
		expect(handshakeOrigin({ headers: { origin: 'null', host: 'talon.local' }, secure: true })).toBe('https://talon.local');
	});
});
