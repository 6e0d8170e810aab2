import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { addStaffUser } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';
import { addDevice } from '../../src/lib/server/auth/devices';
import { validateSession } from '../../src/lib/server/auth/sessions';
import { acknowledgeAlert, liveOffice } from '../../src/lib/server/live/dashboard';
import { TalonError } from '../../src/lib/errors';
import * as engine from '../../src/lib/server/queue';
import { createOfficeFeed, type TalonSocket } from '../../src/lib/realtime/feed';
import { liveAlerts, visibleAlerts, type DeviceStatus, type LiveExtras } from '../../src/lib/admin/live';
import type { OfficeSnapshot } from '../../src/lib/realtime/types';

/**
 * The live dashboard over real sockets: who may watch, the extras beyond the snapshot (today's
 * figures, pauses, operators, devices), alerts acknowledged once per office (a reload does not
 * show them again), devices coming and going pushed to the live room; and the rating pad's socket
 * command with a display token.
 */
let db: TestDatabase;
let rt: RealtimeHarness;
let office: Fixture;
let other: Fixture;
let n = 0;
let boardToken: string;
let boardId: number;

type AckOf<T> = { data?: T; error?: { code: string } };
const ask = <T = unknown>(s: TalonSocket, event: string, payload: unknown) =>
	(s.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<AckOf<T>>)(event, payload);

async function staffSocket(
	officeId: number,
	roles: ('operator' | 'supervisor' | 'admin')[]
): Promise<{ socket: TalonSocket; staffId: number }> {
	const { id } = await addStaffUser(db.sql, {
		login: `live${++n}`,
		password: 'a long password',
		roles,
		officeIds: roles.includes('admin') ? [] : [officeId],
		displayName: `Сотрудник ${n}`
	});
	const { token } = await createSession(db.sql, id);
	const socket = rt.client({ lang: 'ru' }, { cookie: `talon_session=${token}` });
	await until(() => socket.connected, 5000, 'connect');
	return { socket, staffId: id };
}

beforeAll(async () => {
	db = await createTestDatabase();
	office = await makeOffice(db.sql, { slug: 'live-a', desks: 2 });
	other = await makeOffice(db.sql, { slug: 'live-b', desks: 1 });
	// A 1-minute target for service A, so a wait crosses it within the test's injected clock.
	await db.sql`update services set target_wait_min = 1 where id = ${office.services.a}`;
	const board = await addDevice(db.sql, { officeId: office.officeId, kind: 'display', name: 'Табло в зале' });
	boardToken = board.token;
	boardId = board.id;
	rt = await startRealtime(db.sql);
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

describe('who may watch the live dashboard', () => {
	it('supervisors of the office and admins; not operators, other offices’ supervisors, devices or strangers', async () => {
		const sup = await staffSocket(office.officeId, ['supervisor']);
		expect((await ask(sup.socket, 'live:join', { officeId: office.officeId })).data).toMatchObject({ officeId: office.officeId });
		expect((await ask(sup.socket, 'live:join', { officeId: other.officeId })).error?.code).toBe('forbidden');
		const admin = await staffSocket(office.officeId, ['admin']);
		expect((await ask(admin.socket, 'live:join', { officeId: other.officeId })).error).toBeUndefined();
		// An admin follows any office's feed too (the dashboard's snapshot).
		expect((await ask(admin.socket, 'office:snapshot', { officeId: other.officeId })).error).toBeUndefined();
		const op = await staffSocket(office.officeId, ['operator']);
		expect((await ask(op.socket, 'live:join', { officeId: office.officeId })).error?.code).toBe('forbidden');
		expect((await ask(op.socket, 'live:ack', { officeId: office.officeId, key: 'wait:1' })).error?.code).toBe('forbidden');
		const board = rt.client({ deviceToken: boardToken });
		await until(() => board.connected, 5000, 'board');
		expect((await ask(board, 'live:join', { officeId: office.officeId })).error?.code).toBe('forbidden');
		const stranger = rt.client({});
		await until(() => stranger.connected, 5000, 'stranger');
		expect((await ask(stranger, 'live:join', { officeId: office.officeId })).error?.code).toBe('unauthorized');
		board.close();
	});
});

describe('the dashboard’s state', () => {
	it('has today’s figures, the pause and operator of each desk; an over-target alert is acknowledged once per office', async () => {
		const { socket, staffId } = await staffSocket(office.officeId, ['supervisor']);
		const actor = { kind: 'staff' as const, staffId, officeIds: [office.officeId] };
		const t0 = new Date(Date.now() - 5 * 60_000);
		const ctx = { ...office.ctx, now: () => t0 };
		await engine.issueTicket(ctx, office.actor, { officeId: office.officeId, serviceId: office.services.a, source: 'desk' });
		await engine.issueTicket(ctx, office.actor, { officeId: office.officeId, serviceId: office.services.a, source: 'desk' });
		await engine.callNext({ ...office.ctx, now: () => new Date(t0.getTime() + 120_000) }, actor, { deskId: office.desks[0]! });
		await engine.pauseDesk(office.ctx, actor, { deskId: office.desks[1]! });

		const extras = (await ask<LiveExtras>(socket, 'live:join', { officeId: office.officeId })).data!;
		expect(extras.today).toEqual({ issued: 2, served: 0, noShow: 0, waitSumSec: 120, waitCount: 1 });
		const paused = extras.desks.find((d) => d.deskId === office.desks[1])!;
		expect(paused.pausedSince).not.toBeNull();

		// The second ticket has waited 5 minutes against a 1-minute target: one alert.
		const snapshot = (await ask<OfficeSnapshot>(socket, 'office:snapshot', { officeId: office.officeId })).data!;
		const alerts = liveAlerts(snapshot, extras, new Date());
		expect(alerts.map((a) => a.kind)).toEqual(['over_target']);
		const key = alerts[0]!.key;

		// Another supervisor's dashboard hears the acknowledgement; a reload does not show it again.
		const second = await staffSocket(office.officeId, ['supervisor']);
		await ask(second.socket, 'live:join', { officeId: office.officeId });
		const heard: string[] = [];
		second.socket.on('live:acked', (a) => heard.push(a.key));
		expect((await ask(socket, 'live:ack', { officeId: office.officeId, key })).data).toEqual({ key });
		expect((await ask(socket, 'live:ack', { officeId: office.officeId, key })).data).toEqual({ key }); // twice is fine
		await until(() => heard.includes(key), 5000, 'live:acked');
		const again = (await ask<LiveExtras>(socket, 'live:join', { officeId: office.officeId })).data!;
		expect(again.acknowledged).toEqual([key]);
		expect(visibleAlerts(liveAlerts(snapshot, again, new Date()), new Set(again.acknowledged))).toEqual([]);
		// Not another office's: its dashboards know nothing of it.
		const admin = await staffSocket(other.officeId, ['admin']);
		expect((await ask<LiveExtras>(admin.socket, 'live:join', { officeId: other.officeId })).data!.acknowledged).toEqual([]);
	});

	it('follows the office live with createOfficeFeed and hears a board come and go', async () => {
		const { socket } = await staffSocket(office.officeId, ['supervisor']);
		let state: OfficeSnapshot | null = null;
		const feed = createOfficeFeed(socket, { officeId: office.officeId, onState: (s) => (state = s) });
		await until(() => state !== null, 5000, 'snapshot');
		await ask(socket, 'live:join', { officeId: office.officeId });
		const pushes: DeviceStatus[][] = [];
		socket.on('live:devices', (u) => pushes.push(u.devices));

		const waitingBefore = state!.tickets.filter((t) => t.state === 'waiting').length;
		await engine.issueTicket(rt.ctx, office.actor, { officeId: office.officeId, serviceId: office.services.b, source: 'desk' });
		await until(() => state!.tickets.filter((t) => t.state === 'waiting').length === waitingBefore + 1, 5000, 'the new ticket');

		const board = rt.client({ deviceToken: boardToken });
		await until(() => pushes.some((d) => d.find((x) => x.deviceId === boardId)?.online === true), 5000, 'board online');
		board.close();
		await until(() => pushes.at(-1)?.find((x) => x.deviceId === boardId)?.online === false, 5000, 'board offline');
		expect(pushes.at(-1)!.find((x) => x.deviceId === boardId)!.offlineSince).not.toBeNull();
		feed.stop();
	});
});

describe('the dashboard page and the kept acknowledgements', () => {
	it('opens a supervisor’s own office, refuses another (403) and an unknown one (404)', async () => {
		const { id } = await addStaffUser(db.sql, {
			login: 'live-page',
			password: 'a long password',
			roles: ['supervisor'],
			officeIds: [office.officeId]
		});
		const staff = (await validateSession(db.sql, (await createSession(db.sql, id)).token))!;
		expect((await liveOffice(db.sql, staff, null)).office?.id).toBe(office.officeId);
		expect((await liveOffice(db.sql, staff, 'live-a')).offices.map((o) => o.id)).toEqual([office.officeId]);
		const refused = (key: string) =>
			liveOffice(db.sql, staff, key).then(
				() => 'ok',
				(e: TalonError) => `${e.code} ${e.status}`
			);
		expect(await refused('live-b')).toBe('forbidden 403');
		expect(await refused('no-such-office')).toBe('office_not_found 404');
	});

	it('forgets acknowledgements after two days (their keys never recur)', async () => {
		const { id } = await addStaffUser(db.sql, {
			login: 'live-forget',
			password: 'a long password',
			roles: ['supervisor'],
			officeIds: [other.officeId]
		});
		const staff = (await validateSession(db.sql, (await createSession(db.sql, id)).token))!;
		const day = 24 * 3_600_000;
		const t = Date.now();
		await acknowledgeAlert(db.sql, staff, other.officeId, 'wait:old', new Date(t - 3 * day));
		await acknowledgeAlert(db.sql, staff, other.officeId, 'wait:new', new Date(t));
		const keys = await db.sql<{ alertKey: string }[]>`select alert_key from live_alert_acks where office_id = ${other.officeId}`;
		expect(keys.map((k) => k.alertKey)).toEqual(['wait:new']);
	});
});

describe('the rating pad over the socket', () => {
	it('a display of the office rates the visit just finished at its desk; a stranger cannot', async () => {
		const { staffId } = await staffSocket(office.officeId, ['operator']);
		const actor = { kind: 'staff' as const, staffId, officeIds: [office.officeId] };
		const desk = office.desks[0]!;
		// Desk 1 may hold a called ticket from the test above: finish whatever it has, then a fresh visit.
		const [held] = await db.sql<
			{ id: number; state: string }[]
		>`select id, state from tickets where desk_id = ${desk} and state in ('called', 'serving')`;
		if (held) {
			if (held.state === 'called') await engine.startService(office.ctx, actor, { deskId: desk, ticketId: held.id });
			await engine.finish(office.ctx, actor, { deskId: desk, ticketId: held.id });
		}
		const board = rt.client({ deviceToken: boardToken });
		await until(() => board.connected, 5000, 'board');
		const stranger = rt.client({});
		await until(() => stranger.connected, 5000, 'stranger');
		expect((await ask(stranger, 'rating:pad', { deskId: desk, ticketId: held!.id, score: 5 })).error?.code).toBe('unauthorized');
		const rated = await ask(board, 'rating:pad', { deskId: desk, ticketId: held!.id, score: 5 });
		expect(rated.data).toMatchObject({ score: 5, via: 'pad' });
		expect((await ask(board, 'rating:pad', { deskId: desk, ticketId: held!.id, score: 1 })).error?.code).toBe('already_rated');
		expect(await db.sql`select score, via from ratings where ticket_id = ${held!.id}`).toEqual([{ score: 5, via: 'pad' }]);
		board.close();
	});
});
