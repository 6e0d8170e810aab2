import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { startRealtime, until, type RealtimeHarness } from '../helpers/realtime';
import { addDevice } from '../../src/lib/server/auth/devices';
import { createOfficeFeed } from '../../src/lib/realtime/feed';
import type { OfficeSnapshot } from '../../src/lib/realtime/types';
import { createService, updateService } from '../../src/lib/server/catalogue/services';
import { updateDesk } from '../../src/lib/server/catalogue/desks';
import type { AdminScope } from '../../src/lib/server/admin/scope';

/**
 * Item 8 of issue 11: a catalogue or desk change reaches every open screen without a reload. A
 * kiosk and a board follow the office with `createOfficeFeed`; an administrator adds a service,
 * renames it and changes a desk's set: each feed holds the new state shortly after the commit.
 */
let db: TestDatabase;
let f: Fixture;
let rt: RealtimeHarness;
let scope: AdminScope;
const feeds: { state: OfficeSnapshot | null; stop: () => void }[] = [];

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql);
	rt = await startRealtime(db.sql);
	const [admin] = await db.sql<{ id: number }[]>`
		insert into staff_users (login, password_hash, roles) values ('live-admin', 'x', '{admin}') returning id`;
	scope = { staffId: admin!.id, login: 'live-admin', isAdmin: true, officeIds: [] };
	for (const kind of ['kiosk', 'display'] as const) {
		const token = (await addDevice(db.sql, { officeId: f.officeId, kind, name: kind })).token;
		const socket = rt.client({ deviceToken: token });
		const holder: { state: OfficeSnapshot | null; stop: () => void } = { state: null, stop: () => {} };
		const feed = createOfficeFeed(socket, { officeId: f.officeId, onState: (s) => (holder.state = s) });
		holder.stop = () => feed.stop();
		feeds.push(holder);
	}
	await until(() => feeds.every((x) => x.state !== null), 10_000, 'first snapshots');
});
afterAll(async () => {
	for (const x of feeds) x.stop();
	await rt?.close();
	await db?.close();
});

describe('config.changed', () => {
	it('a new service, a new name and a desk’s new set reach the open kiosk and board', async () => {
		const t0 = Date.now();
		const made = await createService(rt.ctx, scope, f.officeId, {
			nameRu: 'Загранпаспорт',
			nameEn: 'Travel passport',
			prefix: 'ЗП',
			categoryId: null,
			durationMin: 20,
			targetWaitMin: 15,
			documentsRu: [],
			documentsEn: [],
			kiosk: true,
			bookable: true,
			priorityAllowed: true,
			remoteAllowed: false
		});
		await until(() => feeds.every((x) => x.state!.services.some((s) => s.id === made.id)), 5000, 'new service on every screen');
		const took = Date.now() - t0;
		expect(took).toBeLessThan(2000);

		await updateService(rt.ctx, scope, f.officeId, made.id, { nameRu: 'Заграничный паспорт' });
		await until(
			() => feeds.every((x) => x.state!.services.find((s) => s.id === made.id)?.nameRu === 'Заграничный паспорт'),
			5000,
			'renamed on every screen'
		);

		const deskId = f.desks[0]!;
		await updateDesk(rt.ctx, scope, f.officeId, deskId, { services: [{ serviceId: made.id, priority: 7 }] });
		await until(
			() =>
				feeds.every(
					(x) =>
						JSON.stringify(x.state!.desks.find((d) => d.id === deskId)?.services) === JSON.stringify([{ serviceId: made.id, priority: 7 }])
				),
			5000,
			'desk set on every screen'
		);
		// The feeds end at the server's sequence number: nothing missed, nothing doubled.
		const [office] = await db.sql<{ lastSeq: number }[]>`select last_seq from offices where id = ${f.officeId}`;
		for (const x of feeds) expect(x.state!.seq).toBe(office!.lastSeq);
	});
});
