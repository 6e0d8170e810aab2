import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { addDevice } from '../../src/lib/server/auth/devices';
import { checkIn, officeSnapshot, ticketStatus, type Actor } from '../../src/lib/server/queue';
import { joinRemotely, requestCode } from '../../src/lib/server/remote/remote';
import { createOfficeFeed } from '../../src/lib/realtime/feed';
import type { OfficeSnapshot, QueueEvent } from '../../src/lib/realtime/types';

/**
 * Remote joining (issue 13): a phone ticket's check-in at the kiosk is a change of the queue like
 * a booking's check-in, so it goes out over the sockets at once — to the office room (desks,
 * boards, the live dashboard follow it with `createOfficeFeed`) and to the ticket's own room
 * (the visitor's /t page). Real Socket.IO server and clients.
 */
let db: TestDatabase;
let f: Fixture;
let rt: RealtimeHarness;
let boardToken: string;
let kiosk: Actor;

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql, { slug: 'remote-live' });
	await db.sql`update services set remote_allowed = true where id = ${f.services.a}`;
	rt = await startRealtime(db.sql);
	boardToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Board' })).token;
	const k = await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Kiosk' });
	kiosk = { kind: 'device', deviceId: k.id, officeId: f.officeId };
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

async function joinFromPhone(phone: string) {
	let code = '';
	await requestCode(db.sql, f.officeId, phone, 'ru', new Date(), () => (code = '123456'));
	return joinRemotely(rt.ctx, f.officeId, { phone, code, serviceId: f.services.a, locale: 'ru' }, new Date());
}

describe('remote check-in over the sockets', () => {
	it('the office room gets ticket.checked_in (boards and desks see the arrival) and the ticket room ticket:changed', async () => {
		const board = rt.client({ deviceToken: boardToken });
		const events: QueueEvent[] = [];
		board.on('queue:event', (e) => events.push(e));
		let state: OfficeSnapshot | null = null;
		const feed = createOfficeFeed(board, { officeId: f.officeId, onState: (s) => (state = s) });
		await until(() => state !== null, 10_000, 'first snapshot');

		const remote = await joinFromPhone('+79167777777');
		await until(() => state!.tickets.some((t) => t.id === remote.ticket.id), 5000, 'the remote ticket on the board');
		expect(state!.tickets.find((t) => t.id === remote.ticket.id)!.awaitingCheckIn).toBe(true);

		const phone = rt.client({});
		const changes: { type: string; state: string }[] = [];
		phone.on('ticket:changed', (c) => changes.push({ type: c.type, state: c.state }));
		const joined = await phone.timeout(5000).emitWithAck('ticket:join', { publicCode: remote.publicCode });
		expect(joined.data?.number).toBe(remote.ticket.number);

		const arrived = await checkIn(rt.ctx, kiosk, { officeId: f.officeId, code: remote.checkinCode });
		expect(arrived.duplicate).toBe(false);

		await until(() => events.some((e) => e.type === 'ticket.checked_in'), 5000, 'ticket.checked_in on the board');
		const event = events.find((e) => e.type === 'ticket.checked_in')!;
		expect(event).toMatchObject({
			officeId: f.officeId,
			ticket: { id: remote.ticket.id, number: remote.ticket.number, state: 'waiting', source: 'remote', awaitingCheckIn: false },
			desk: null,
			deviceId: kiosk.kind === 'device' ? kiosk.deviceId : null
		});
		// No personal data and no check-in code go over the office room.
		expect(JSON.stringify(events)).not.toContain('9167777777');
		expect(JSON.stringify(events)).not.toContain(remote.checkinCode);
		await until(() => changes.some((c) => c.type === 'ticket.checked_in'), 5000, 'ticket:changed in the ticket room');
		expect(changes).toContainEqual({ type: 'ticket.checked_in', state: 'waiting' });

		// A board applying the event holds what a fresh snapshot says.
		await until(() => state!.seq === event.seq, 5000, 'the event applied');
		const fresh = await officeSnapshot(db.sql, f.officeId);
		expect(state!.tickets).toEqual(fresh.tickets);
		expect(state!.tickets.find((t) => t.id === remote.ticket.id)!.awaitingCheckIn).toBe(false);
		// The visitor's page, refetching on ticket:changed, no longer offers the check-in code.
		expect((await ticketStatus(db.sql, remote.publicCode)).checkinCode).toBeNull();

		// Checking in again changes nothing and publishes nothing.
		const again = await checkIn(rt.ctx, kiosk, { officeId: f.officeId, code: remote.checkinCode });
		expect(again.duplicate).toBe(true);
		expect((await officeSnapshot(db.sql, f.officeId)).seq).toBe(event.seq);
		feed.stop();
	});
});
