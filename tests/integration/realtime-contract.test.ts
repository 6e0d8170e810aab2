import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { addDevice } from '../../src/lib/server/auth/devices';
import { commandNames, commands, type CommandName } from '../../src/lib/realtime/commands';
import type { Scope } from '../../src/lib/realtime/contract';
import { send } from '../../src/lib/realtime/send';
import type { TalonSocket } from '../../src/lib/realtime/feed';

/**
 * The server side of the one contract (src/lib/realtime/commands.ts): every command is handled,
 * every handler validates with the command's schema before anything else, then checks the
 * sender against the command's scope (src/lib/server/realtime/on.ts).
 */
let db: TestDatabase;
let f: Fixture;
let rt: RealtimeHarness;
let boardToken: string;
let kioskToken: string;

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql);
	rt = await startRealtime(db.sql);
	boardToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'display', name: 'Board' })).token;
	kioskToken = (await addDevice(db.sql, { officeId: f.officeId, kind: 'kiosk', name: 'Kiosk' })).token;
});
afterAll(async () => {
	await rt?.close();
	await db?.close();
});

async function connected(auth: Record<string, unknown>): Promise<TalonSocket> {
	const s = rt.client(auth as Record<string, string>);
	await until(() => s.connected, 5000, 'connected');
	return s;
}

/** A well-formed request for each command (the values need not exist: refusals come first). */
function validRequest(name: CommandName): unknown {
	const samples: Record<Scope, unknown[]> = {
		public: [{ publicCode: 'aaaaaaaaaaaaaaaa' }],
		office: [{ officeId: f.officeId }, { deskId: f.desks[0] }],
		issue: [{ officeId: f.officeId, serviceId: f.services.a }],
		desk: [{ deskId: f.desks[0] }, { deskId: f.desks[0], ticketId: 1 }, { deskId: f.desks[0], ticketId: 1, toDeskId: f.desks[1] }],
		kiosk: [{}, { officeId: f.officeId, serviceId: f.services.a, idempotencyKey: 'contract-test-key' }, { publicCode: 'aaaaaaaaaaaaaaaa' }],
		agent: [{}, { installationId: '00000000-0000-4000-8000-000000000000', jobIds: [1] }, { state: 'online' }]
	};
	const spec = commands[name];
	const sample = samples[spec.scope].find((s) => spec.input.safeParse(s).success);
	if (!sample) throw new Error(`no valid sample request for ${name}`);
	return sample;
}

describe('the server side of the realtime contract', () => {
	it('handles every command of the contract', async () => {
		const s = await connected({ deviceToken: boardToken });
		const [server] = [...rt.io.sockets.sockets.values()].filter((x) => x.id === s.id);
		expect(server).toBeDefined();
		expect(
			server!
				.eventNames()
				.filter((n) => typeof n === 'string')
				.sort()
		).toEqual(expect.arrayContaining([...commandNames].sort()));
	});

	it('validates before anything else: a malformed request is invalid_input for every command and every sender', async () => {
		const senders = [
			await connected({}),
			await connected({ deviceToken: boardToken }),
			await connected({ deviceToken: kioskToken, agent: true })
		];
		for (const s of senders) {
			for (const name of commandNames) {
				const ack = await send(s, name, 'not an object' as never, 5000);
				expect(ack.error?.code, `${name}`).toBe('invalid_input');
			}
		}
	});

	it("refuses a sender outside the command's scope: unauthorized when not signed in, forbidden for the wrong kind", async () => {
		const anyone = await connected({});
		const board = await connected({ deviceToken: boardToken });
		const kioskScreen = await connected({ deviceToken: kioskToken });
		const expectations: [TalonSocket, Scope, string][] = [
			[anyone, 'issue', 'unauthorized'],
			[anyone, 'desk', 'unauthorized'],
			[anyone, 'kiosk', 'unauthorized'],
			[anyone, 'agent', 'unauthorized'],
			[board, 'issue', 'forbidden'],
			[board, 'desk', 'forbidden'],
			[board, 'kiosk', 'forbidden'],
			[board, 'agent', 'forbidden'],
			[kioskScreen, 'desk', 'forbidden'],
			[kioskScreen, 'agent', 'forbidden']
		];
		for (const [socket, scope, code] of expectations) {
			for (const name of commandNames.filter((n) => commands[n].scope === scope)) {
				const ack = await send(socket, name, validRequest(name) as never, 5000);
				expect(ack.error?.code, `${name} (${scope})`).toBe(code);
			}
		}
		const before = await db.sql`select count(*)::int as n from tickets`;
		expect(before[0]!.n).toBe(0); // nothing refused changed anything
	});
});
