import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { callNext, checkIn, finish, issueTicket, startService } from '../../src/lib/server/queue';
import { joinRemotely, OTP, requestCode } from '../../src/lib/server/remote/remote';
import { eraseNoticeData } from '../../src/lib/server/notices/jobs';
import { oneSegment } from '../../src/lib/i18n/notices';
import { updateOffice } from '../../src/lib/server/admin/offices';
import { officePatch } from '../../src/lib/schemas/admin-offices';

/**
 * Remote joining (issue 13, item 4): the SMS code, the remote ticket through the engine, and the
 * call policy that passes over a remote ticket until its visitor checks in at the kiosk.
 */
let db: TestDatabase;
let f: Fixture;
let clockAt = new Date('2026-03-10T07:00:00Z');
const now = () => clockAt;
const later = (s: number) => (clockAt = new Date(clockAt.getTime() + s * 1000));

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql, { slug: 'remote', now });
	await db.sql`update services set remote_allowed = true where id = ${f.services.a}`;
});
afterAll(async () => {
	await db?.close();
});

/** The code the SMS carries, read from the outbox (its body, kept until sent). */
async function smsCode(phone: string): Promise<string> {
	const [n] = await db.sql<{ body: { text: string }; secret: boolean }[]>`
		select body, secret from notifications where kind = 'otp' and recipient = ${phone} order by id desc limit 1`;
	expect(n!.secret).toBe(true);
	return /(\d{6})/.exec(n!.body.text)![1]!;
}

const join = (phone: string, code: string, serviceId = f.services.a) =>
	joinRemotely(f.ctx, f.officeId, { phone, code, serviceId, locale: 'ru' }, now());

async function callAt(desk: number) {
	return (await callNext(f.ctx, f.actor, { deskId: desk })).ticket;
}

describe('SMS code', () => {
	it('is written to the outbox as one Russian SMS segment; only its hash is stored', async () => {
		const { expiresAt } = await requestCode(db.sql, f.officeId, '+79160000001', 'ru', now());
		expect(expiresAt.getTime() - now().getTime()).toBe(OTP.ttlSeconds * 1000);
		const code = await smsCode('+79160000001');
		const [n] = await db.sql<{ body: { text: string } }[]>`select body from notifications where kind = 'otp' order by id desc limit 1`;
		expect(n!.body.text).toBe(`Код Talon: ${code}. Действует 5 минут.`);
		expect(oneSegment(n!.body.text)).toBe(true);
		const [row] = await db.sql<{ codeHash: string }[]>`select code_hash from remote_codes where phone = '+79160000001'`;
		expect(row!.codeHash).not.toContain(code);
	});

	it('3 wrong tries spend it: the right code is refused afterwards', async () => {
		await requestCode(db.sql, f.officeId, '+79160000002', 'ru', now());
		const code = await smsCode('+79160000002');
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 0; i < 3; i++) await expect(join('+79160000002', wrong)).rejects.toMatchObject({ code: 'code_invalid' });
		await expect(join('+79160000002', code)).rejects.toMatchObject({ code: 'code_invalid' });
	});

	it('expires after 5 minutes; the retention job drops expired codes', async () => {
		await requestCode(db.sql, f.officeId, '+79160000003', 'ru', now());
		const code = await smsCode('+79160000003');
		later(OTP.ttlSeconds + 1);
		await expect(join('+79160000003', code)).rejects.toMatchObject({ code: 'code_invalid' });
		await eraseNoticeData(db.sql, now());
		expect(await db.sql`select 1 from remote_codes where phone = '+79160000003'`).toHaveLength(0);
	});

	it('refused for a service not open to remote joining, and for an office with none', async () => {
		await requestCode(db.sql, f.officeId, '+79160000004', 'ru', now());
		const code = await smsCode('+79160000004');
		await expect(join('+79160000004', code, f.services.b)).rejects.toMatchObject({ code: 'remote_not_allowed' });
		const other = await makeOffice(db.sql, { slug: 'remote-none', now });
		await expect(requestCode(db.sql, other.officeId, '+79160000004', 'ru', now())).rejects.toMatchObject({
			code: 'remote_not_allowed'
		});
	});
});

describe('remote ticket', () => {
	let remote: Awaited<ReturnType<typeof join>>;

	it('is issued by the engine (source remote, numbered as usual, not printed), the phone kept as its SMS alert', async () => {
		await requestCode(db.sql, f.officeId, '+79161111111', 'ru', now());
		remote = await join('+79161111111', await smsCode('+79161111111'));
		expect(remote.ticket.number).toMatch(/^П\d{3}$/);
		expect(remote.checkinCode).toMatch(/^[ACEFHKMNPRTUWXY34679]{6}$/);
		const [t] = await db.sql<
			{ source: string; checkinCode: string }[]
		>`select source, checkin_code from tickets where id = ${remote.ticket.id}`;
		expect(t).toEqual({ source: 'remote', checkinCode: remote.checkinCode });
		expect(await db.sql`select 1 from print_jobs where ticket_id = ${remote.ticket.id}`).toHaveLength(0);
		const alerts = await db.sql`select channel, recipient, ahead from ticket_alerts where ticket_id = ${remote.ticket.id}`;
		expect(alerts).toEqual([{ channel: 'sms', recipient: '+79161111111', ahead: 3 }]);
		expect(f.published.some((e) => e.type === 'ticket.issued' && e.ticket?.id === remote.ticket.id)).toBe(true);
	});

	it('one active remote ticket per phone and office (remote_ticket_exists), the code not used up by the refusal', async () => {
		await requestCode(db.sql, f.officeId, '+79161111111', 'ru', now());
		const code = await smsCode('+79161111111');
		await expect(join('+79161111111', code)).rejects.toMatchObject({ code: 'remote_ticket_exists', status: 409 });
		expect(await db.sql`select 1 from remote_codes where phone = '+79161111111'`).toHaveLength(1);
	});

	it('is skipped by call-next until checked in at the kiosk; then called in its place', async () => {
		later(60);
		const walkIn = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		later(60);
		const first = await callAt(f.desks[0]!);
		expect(first?.id).toBe(walkIn.ticket.id);
		// Nobody else callable: the remote ticket waits for its visitor.
		expect(await callAt(f.desks[1]!)).toBeNull();
		later(60);
		const walkIn2 = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		// The visitor arrives and types the check-in code at the kiosk.
		const arrived = await checkIn(f.ctx, f.actor, { officeId: f.officeId, code: remote.checkinCode.toLowerCase() });
		expect(arrived).toMatchObject({ bookingId: null, duplicate: false, ticket: { id: remote.ticket.id, number: remote.ticket.number } });
		const again = await checkIn(f.ctx, f.actor, { officeId: f.officeId, code: remote.checkinCode });
		expect(again.duplicate).toBe(true);
		// It joined before walkIn2, so it goes first.
		expect((await callAt(f.desks[1]!))?.id).toBe(remote.ticket.id);
		await startService(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: walkIn.ticket.id });
		await finish(f.ctx, f.actor, { deskId: f.desks[0]!, ticketId: walkIn.ticket.id });
		expect((await callAt(f.desks[0]!))?.id).toBe(walkIn2.ticket.id);
	});

	it('an office that calls remote tickets before arrival calls it at once', async () => {
		const g = await makeOffice(db.sql, { slug: 'remote-early', now });
		await db.sql`update services set remote_allowed = true where id = ${g.services.a}`;
		// Switched on as an administrator does (the office form and PATCH /api/v1/admin/offices/{office}).
		const admin = { staffId: 0, login: 'admin', isAdmin: true, officeIds: [] };
		const office = await updateOffice(db.sql, admin, 'remote-early', officePatch.parse({ remoteCallUnarrived: true }));
		expect(office.remoteCallUnarrived).toBe(true);
		await requestCode(db.sql, g.officeId, '+79162222222', 'ru', now());
		const t = await joinRemotely(
			g.ctx,
			g.officeId,
			{ phone: '+79162222222', code: await smsCode('+79162222222'), serviceId: g.services.a, locale: 'ru' },
			now()
		);
		expect((await callNext(g.ctx, g.actor, { deskId: g.desks[0]! })).ticket?.id).toBe(t.ticket.id);
	});
});
