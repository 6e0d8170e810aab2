import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { callNext, cancelTicket, checkIn, finish, issueTicket, startService, ticketStatus } from '../../src/lib/server/queue';
import { createAlert, deleteAlert } from '../../src/lib/server/notices/alerts';
import { newAlertBody } from '../../src/lib/schemas/notices';
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

describe('one live remote ticket per phone and office, held by the database', () => {
	let g: Fixture;
	const phone = '+79163333333';
	const joinG = async () => {
		await requestCode(db.sql, g.officeId, phone, 'ru', now());
		return joinRemotely(g.ctx, g.officeId, { phone, code: await smsCode(phone), serviceId: g.services.a, locale: 'ru' }, now());
	};
	beforeAll(async () => {
		g = await makeOffice(db.sql, { slug: 'remote-phone', now });
		await db.sql`update services set remote_allowed = true where id = ${g.services.a}`;
	});

	it('keeps the confirmed phone with the ticket, never in what clients see', async () => {
		const first = await joinG();
		const [row] = await db.sql<{ remotePhone: string }[]>`select remote_phone from tickets where id = ${first.ticket.id}`;
		expect(row!.remotePhone).toBe(phone);
		const seen = JSON.stringify([g.published, first.ticket, await ticketStatus(db.sql, first.publicCode)]);
		expect(seen).not.toContain('9163333333');
		await cancelTicket(g.ctx, g.actor, { ticketId: first.ticket.id });
	});

	it('cancelling the SMS alert does not free the phone: a second ticket is refused (409), the code kept', async () => {
		const first = await joinG();
		await deleteAlert(db.sql, first.publicCode, 'sms');
		expect(await db.sql`select 1 from ticket_alerts where ticket_id = ${first.ticket.id}`).toHaveLength(0);
		await requestCode(db.sql, g.officeId, phone, 'ru', now());
		const code = await smsCode(phone);
		await expect(joinRemotely(g.ctx, g.officeId, { phone, code, serviceId: g.services.a, locale: 'ru' }, now())).rejects.toMatchObject({
			code: 'remote_ticket_exists',
			status: 409
		});
		expect(await db.sql`select 1 from remote_codes where phone = ${phone}`).toHaveLength(1);
		expect(await db.sql`select 1 from tickets where office_id = ${g.officeId} and source = 'remote' and state = 'waiting'`).toHaveLength(1);
	});

	it('the unique index refuses a second live remote ticket of the phone, even to a join racing the first (409, rolled back)', async () => {
		const other = await issueTicket(g.ctx, g.actor, { officeId: g.officeId, serviceId: g.services.a, source: 'remote' });
		await expect(db.sql`update tickets set remote_phone = ${phone} where id = ${other.ticket.id}`).rejects.toMatchObject({
			code: '23505',
			constraint_name: 'tickets_remote_phone_live'
		});
		// A race: another request's ticket for this phone is written but not yet committed when this
		// join checks, so its own check finds nothing; its insert then waits on the index and is refused.
		const [live] = await db.sql<{ id: number }[]>`
			select id from tickets where office_id = ${g.officeId} and remote_phone = ${phone} and state = 'waiting'`;
		await cancelTicket(g.ctx, g.actor, { ticketId: live!.id });
		await requestCode(db.sql, g.officeId, phone, 'ru', now());
		const code = await smsCode(phone);
		const count = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from tickets where office_id = ${g.officeId}`)[0]!.n;
		const before = await count();
		let release!: () => void;
		let written!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const wrote = new Promise<void>((r) => (written = r));
		const first = db.sql.begin(async (tx) => {
			await tx`update tickets set remote_phone = ${phone} where id = ${other.ticket.id}`;
			written();
			await gate;
		});
		await wrote;
		const racing = joinRemotely(g.ctx, g.officeId, { phone, code, serviceId: g.services.a, locale: 'ru' }, now());
		const refused = expect(racing).rejects.toMatchObject({ code: 'remote_ticket_exists', status: 409 });
		// Let the join reach the index (its insert waits for the first transaction), then commit that.
		await new Promise((r) => setTimeout(r, 300));
		release();
		await first;
		await refused;
		// Refused by the index, not by the join's early check (which would have kept the code).
		expect(await db.sql`select 1 from remote_codes where phone = ${phone}`).toHaveLength(0);
		expect(await count()).toBe(before);
		expect(
			await db.sql`select 1 from tickets where office_id = ${g.officeId} and remote_phone = ${phone} and state = 'waiting'`
		).toHaveLength(1);
	});

	it('a ticket that is over frees the phone; the retention job erases the phone like the alerts', async () => {
		const [live] = await db.sql<{ id: number }[]>`
			select id from tickets where office_id = ${g.officeId} and remote_phone = ${phone} and state = 'waiting'`;
		await cancelTicket(g.ctx, g.actor, { ticketId: live!.id });
		const again = await joinG();
		expect(again.ticket.state).toBe('waiting');
		await cancelTicket(g.ctx, g.actor, { ticketId: again.ticket.id });
		// Within the retention period the phones stay (30 days by default), then they are erased.
		await eraseNoticeData(db.sql, new Date(now().getTime() + 10 * 86_400_000));
		expect(await db.sql`select 1 from tickets where office_id = ${g.officeId} and remote_phone is not null`).not.toHaveLength(0);
		await eraseNoticeData(db.sql, new Date(now().getTime() + 40 * 86_400_000));
		expect(await db.sql`select 1 from tickets where office_id = ${g.officeId} and remote_phone is not null`).toHaveLength(0);
		expect(
			await db.sql`select 1 from ticket_alerts a join tickets t on t.id = a.ticket_id
			where t.office_id = ${g.officeId} and a.recipient is not null`
		).toHaveLength(0);
	});
});

describe('who is ahead: counted as call-next calls', () => {
	/**
	 * A remote ticket R joins first, then walk-ins K1, K2 and W; W asks for an SMS when 1 is ahead.
	 * Call-next passes over R until its visitor checks in, so R is ahead of nobody: W has 2 ahead,
	 * and 1 (the SMS goes) once K1 is called. Counting R as ahead would say 2 and send nothing.
	 */
	async function hall(slug: string, callUnarrived: boolean) {
		const h = await makeOffice(db.sql, { slug, now });
		await db.sql`update services set remote_allowed = true where id = ${h.services.a}`;
		await db.sql`update offices set remote_call_unarrived = ${callUnarrived} where id = ${h.officeId}`;
		const phone = callUnarrived ? '+79164444442' : '+79164444441';
		await requestCode(db.sql, h.officeId, phone, 'ru', now());
		const r = await joinRemotely(h.ctx, h.officeId, { phone, code: await smsCode(phone), serviceId: h.services.a, locale: 'ru' }, now());
		const walkIn = async () => {
			later(30);
			return issueTicket(h.ctx, h.actor, { officeId: h.officeId, serviceId: h.services.a, source: 'kiosk' });
		};
		const k1 = await walkIn();
		const k2 = await walkIn();
		const w = await walkIn();
		await createAlert(db.sql, w.publicCode, newAlertBody.parse({ channel: 'sms', to: '+79165555555', ahead: 1 }), 'ru', now());
		const aheadSms = async () =>
			(
				await db.sql<{ text: string }[]>`
					select body->>'text' as text from notifications where kind = 'ticket_ahead' and ticket_id = ${w.ticket.id}`
			).map((n) => n.text);
		return { h, r, k1, k2, w, aheadSms };
	}

	it('a remote ticket not checked in is ahead of nobody: the /t page, the API and the SMS threshold agree', async () => {
		const { h, r, k1, w, aheadSms } = await hall('ahead-waits', false);
		expect(w.position.ahead).toBe(2);
		expect((await ticketStatus(db.sql, w.publicCode, now())).ahead).toBe(2);
		// The remote ticket keeps its own place at the head of those called.
		expect((await ticketStatus(db.sql, r.publicCode, now())).ahead).toBe(0);
		expect(await aheadSms()).toEqual([]);
		expect((await callNext(h.ctx, h.actor, { deskId: h.desks[0]! })).ticket?.id).toBe(k1.ticket.id);
		expect((await ticketStatus(db.sql, w.publicCode, now())).ahead).toBe(1);
		expect(await aheadSms()).toEqual([`Талон ${w.ticket.number}: перед вами 1`]);
		// The visitor arrives: now R is called first again, and is ahead of W.
		await checkIn(h.ctx, h.actor, { officeId: h.officeId, code: r.checkinCode });
		expect((await ticketStatus(db.sql, w.publicCode, now())).ahead).toBe(2);
	});

	it('where the office calls remote tickets before arrival, the remote ticket is ahead as call-next calls it', async () => {
		const { h, r, k1, w, aheadSms } = await hall('ahead-calls', true);
		expect(w.position.ahead).toBe(3);
		expect((await ticketStatus(db.sql, w.publicCode, now())).ahead).toBe(3);
		expect((await callNext(h.ctx, h.actor, { deskId: h.desks[0]! })).ticket?.id).toBe(r.ticket.id);
		expect((await callNext(h.ctx, h.actor, { deskId: h.desks[1]! })).ticket?.id).toBe(k1.ticket.id);
		expect((await ticketStatus(db.sql, w.publicCode, now())).ahead).toBe(1);
		expect(await aheadSms()).toEqual([`Талон ${w.ticket.number}: перед вами 1`]);
	});
});
