import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { addStaffUser, setDisabled, setPassword } from '../../src/lib/server/auth/staff';
import { createSession } from '../../src/lib/server/auth/sessions';
import type { TalonSocket } from '../../src/lib/realtime/feed';

/** The console's socket is only as good as the session behind it: checked on every command. */
let db: TestDatabase;
let rt: RealtimeHarness;
let office: Fixture;
let other: Fixture;
let n = 0;

async function staffSocket(
	officeId: number,
	roles: ('operator' | 'supervisor')[] = ['operator']
): Promise<{ socket: TalonSocket; staffId: number }> {
	const { id } = await addStaffUser(db.sql, {
		login: `rt${++n}`,
		password: 'a long password',
		roles,
		officeIds: [officeId],
		displayName: `Сотрудник ${n}`
	});
	const { token } = await createSession(db.sql, id);
	const socket = rt.client({ lang: 'ru' }, { cookie: `talon_session=${token}` });
	await until(() => socket.connected, 5000, 'connect');
	return { socket, staffId: id };
}

const ask = (s: TalonSocket, event: string, payload: unknown) =>
	(s.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<{ data?: unknown; error?: { code: string } }>)(event, payload);

beforeAll(async () => {
	db = await createTestDatabase();
	office = await makeOffice(db.sql, { slug: 'rt-a', desks: 2 });
	other = await makeOffice(db.sql, { slug: 'rt-b', desks: 1 });
	rt = await startRealtime(db.sql);
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

describe('staff sockets and sessions', () => {
	it('a signed-in operator pauses a desk of their office but not of another office', async () => {
		const { socket } = await staffSocket(office.officeId);
		expect((await ask(socket, 'desk:pause', { deskId: office.desks[0] })).error).toBeUndefined();
		expect((await ask(socket, 'desk:pause', { deskId: other.desks[0] })).error?.code).toBe('wrong_office');
		expect((await ask(socket, 'office:join', { officeId: other.officeId })).error?.code).toBe('wrong_office');
	});

	it('without a session cookie (or with a dead one) every staff command is unauthorized', async () => {
		const anon = rt.client({ lang: 'en' });
		const forged = rt.client({ lang: 'en' }, { cookie: 'talon_session=' + 'a'.repeat(32) });
		await until(() => anon.connected && forged.connected, 5000, 'connect');
		for (const s of [anon, forged]) {
			expect((await ask(s, 'desk:call-next', { deskId: office.desks[1] })).error?.code).toBe('unauthorized');
			expect((await ask(s, 'office:join', { officeId: office.officeId })).error?.code).toBe('unauthorized');
		}
	});

	it('a password change ends the power of an open socket', async () => {
		const { socket, staffId } = await staffSocket(office.officeId);
		expect((await ask(socket, 'office:join', { officeId: office.officeId })).error).toBeUndefined();
		await setPassword(db.sql, staffId, 'another long password');
		expect((await ask(socket, 'desk:open', { deskId: office.desks[1] })).error?.code).toBe('unauthorized');
		expect((await ask(socket, 'office:snapshot', { officeId: office.officeId })).error?.code).toBe('unauthorized');
	});

	it('disabling the user does the same', async () => {
		const { socket, staffId } = await staffSocket(office.officeId);
		expect((await ask(socket, 'office:snapshot', { officeId: office.officeId })).error).toBeUndefined();
		await setDisabled(db.sql, staffId, true);
		expect((await ask(socket, 'office:snapshot', { officeId: office.officeId })).error?.code).toBe('unauthorized');
	});

	it('an operator cannot act at a desk another signed-in operator holds; a supervisor can', async () => {
		const f = await makeOffice(db.sql, { slug: 'rt-c', desks: 2 });
		const holder = await staffSocket(f.officeId);
		const intruder = await staffSocket(f.officeId);
		const supervisor = await staffSocket(f.officeId, ['supervisor']);
		expect((await ask(holder.socket, 'desk:pause', { deskId: f.desks[0] })).error).toBeUndefined();
		const refused = await ask(intruder.socket, 'desk:resume', { deskId: f.desks[0] });
		expect(refused.error?.code).toBe('desk_taken');
		expect((refused.error as { message?: string }).message).toContain(`Сотрудник ${n - 2}`);
		expect((await ask(intruder.socket, 'desk:call-next', { deskId: f.desks[0] })).error?.code).toBe('desk_taken');
		expect((await ask(intruder.socket, 'ticket:recall', { deskId: f.desks[0], ticketId: 1 })).error?.code).toBe('desk_taken');
		// Nothing changed: the desk is still paused under its holder.
		const [desk] = await db.sql<{ state: string; staffId: number }[]>`select state, staff_id from desks where id = ${f.desks[0]!}`;
		expect(desk).toEqual({ state: 'paused', staffId: holder.staffId });
		// Another desk is fine, and a supervisor may step in.
		expect((await ask(intruder.socket, 'desk:pause', { deskId: f.desks[1] })).error).toBeUndefined();
		expect((await ask(supervisor.socket, 'desk:resume', { deskId: f.desks[0] })).error).toBeUndefined();
	});
});
