import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { makeOffice, type Fixture } from '../helpers/fixture';
import { callNext, issueTicket, officeSnapshot } from '../../src/lib/server/queue';

let db: TestDatabase;
let f: Fixture;
beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql);
});
afterAll(() => db?.close());

describe('engine smoke', () => {
	it('issues and calls', async () => {
		const t = await issueTicket(f.ctx, f.actor, { officeId: f.officeId, serviceId: f.services.a, source: 'kiosk' });
		expect(t.ticket.number).toBe('П001');
		const c = await callNext(f.ctx, f.actor, { deskId: f.desks[0]! });
		expect(c.ticket?.id).toBe(t.ticket.id);
		const snap = await officeSnapshot(db.sql, f.officeId);
		expect(snap.seq).toBe(2);
		expect(f.published.map((e) => e.seq)).toEqual([1, 2]);
	});
});
