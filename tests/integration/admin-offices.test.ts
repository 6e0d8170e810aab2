import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { adminWorld, auditRows, type AdminWorld } from '../helpers/admin';
import { createOffice, getAdminOffice, listAdminOffices, updateOffice } from '../../src/lib/server/admin/offices';
import { adminScope } from '../../src/lib/server/admin/scope';
import { findOffice, listOffices } from '../../src/lib/server/offices/offices';
import { bookingOffices } from '../../src/lib/server/booking/flow';
import { addDevice, authenticateDevice } from '../../src/lib/server/auth/devices';
import { officeCreate, officePatch, isIanaTimeZone } from '../../src/lib/schemas/admin-offices';
import type { SocketControl } from '../../src/lib/server/realtime/control';

/** Offices (issue 11, item 1): create, edit, archive, restore; who may; what each change leaves in the audit log. */
let db: TestDatabase;
let w: AdminWorld;

beforeAll(async () => {
	db = await createTestDatabase();
	w = await adminWorld(db.sql);
});
afterAll(() => db?.close());

const body = (slug: string) =>
	officeCreate.parse({ slug, nameRu: 'Западный офис', nameEn: 'West office', timeZone: 'Asia/Kamchatka', addressRu: 'ул. Ленина, 1' });

describe('offices', () => {
	it('an admin creates an office; the audit row has the new values', async () => {
		const before = await auditRows(db.sql);
		const office = await createOffice(db.sql, w.scope.admin, body('west'));
		expect(office).toMatchObject({ slug: 'west', timeZone: 'Asia/Kamchatka', archived: false, phone: '', mapUrl: '' });
		expect((await findOffice(db.sql, 'west')).id).toBe(office.id);
		const rows = (await auditRows(db.sql)).slice(before.length);
		expect(rows).toEqual([
			expect.objectContaining({
				entity: 'office',
				action: 'create',
				entityId: String(office.id),
				officeId: office.id,
				staffLogin: 'root',
				before: null
			})
		]);
		expect(rows[0]!.after).toMatchObject({ slug: 'west', nameRu: 'Западный офис', timeZone: 'Asia/Kamchatka' });
	});

	it('refuses a taken slug with office_slug_taken and writes nothing', async () => {
		const offices = await db.sql`select count(*)::int as n from offices`;
		const audits = (await auditRows(db.sql)).length;
		await expect(createOffice(db.sql, w.scope.admin, body('north'))).rejects.toMatchObject({ code: 'office_slug_taken', status: 409 });
		await expect(updateOffice(db.sql, w.scope.admin, 'west', { slug: 'south' })).rejects.toMatchObject({ code: 'office_slug_taken' });
		expect(await db.sql`select count(*)::int as n from offices`).toEqual(offices);
		expect((await getAdminOffice(db.sql, w.scope.admin, 'west')).slug).toBe('west');
		expect((await auditRows(db.sql)).length).toBe(audits);
	});

	it('a supervisor may not create offices, nor touch an office that is not theirs', async () => {
		await expect(createOffice(db.sql, w.scope.supervisor, body('mine'))).rejects.toMatchObject({ code: 'forbidden' });
		await expect(updateOffice(db.sql, w.scope.supervisor, w.south, { nameRu: 'Захвачен' })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(getAdminOffice(db.sql, w.scope.supervisor, w.south)).rejects.toMatchObject({ code: 'forbidden' });
		expect((await getAdminOffice(db.sql, w.scope.admin, w.south)).nameRu).toBe('Южный');
		expect((await listAdminOffices(db.sql, w.scope.supervisor)).map((o) => o.id)).toEqual([w.north]);
		expect(() => adminScope(w.operator)).toThrow(expect.objectContaining({ code: 'forbidden' }));
	});

	it("a supervisor edits their office's details but may not archive it; the audit row holds only what changed", async () => {
		const n = (await auditRows(db.sql)).length;
		const updated = await updateOffice(db.sql, w.scope.supervisor, w.north, { phone: '+7 (495) 000-00-00', addressRu: 'пр. Мира, 5' });
		expect(updated).toMatchObject({ phone: '+7 (495) 000-00-00', addressRu: 'пр. Мира, 5', nameRu: 'Северный' });
		const [row] = (await auditRows(db.sql)).slice(n);
		expect(row).toMatchObject({
			action: 'update',
			staffLogin: 'boss',
			before: { phone: '', addressRu: '' },
			after: { phone: '+7 (495) 000-00-00', addressRu: 'пр. Мира, 5' }
		});
		await expect(updateOffice(db.sql, w.scope.supervisor, w.north, { archived: true })).rejects.toMatchObject({ code: 'forbidden' });
		expect((await getAdminOffice(db.sql, w.scope.admin, w.north)).archived).toBe(false);
		// Saving the same values again changes nothing and records nothing.
		await updateOffice(db.sql, w.scope.supervisor, w.north, { phone: '+7 (495) 000-00-00' });
		expect((await auditRows(db.sql)).length).toBe(n + 1);
	});

	it('archiving hides the office from the landing and booking, revokes its devices and ends their sockets; restoring reopens it', async () => {
		const office = await getAdminOffice(db.sql, w.scope.admin, 'west');
		await db.sql`insert into booking_settings (office_id) values (${office.id})`;
		const kiosk = await addDevice(db.sql, { officeId: office.id, kind: 'kiosk', name: 'Киоск' });
		expect(await authenticateDevice(db.sql, kiosk.token)).not.toBeNull();
		const ended: number[][] = [];
		const sockets: SocketControl = { endDevices: (ids) => void ended.push([...ids]), endStaff: () => {}, online: async () => new Set() };

		const archived = await updateOffice(db.sql, w.scope.admin, 'west', { archived: true }, sockets);
		expect(archived).toMatchObject({ archived: true, archivedAt: expect.any(String) });
		expect(ended).toEqual([[kiosk.id]]);
		expect((await listOffices(db.sql)).map((o) => o.slug)).not.toContain('west');
		expect((await bookingOffices(db.sql)).map((o) => o.slug)).not.toContain('west');
		await expect(findOffice(db.sql, 'west')).rejects.toMatchObject({ code: 'office_not_found' });
		expect(await authenticateDevice(db.sql, kiosk.token)).toBeNull();
		// The administration still sees it, marked archived.
		expect((await listAdminOffices(db.sql, w.scope.admin)).find((o) => o.slug === 'west')?.archived).toBe(true);
		expect((await auditRows(db.sql)).at(-1)).toMatchObject({
			action: 'archive',
			before: { archived: false },
			after: { archived: true, devicesRevoked: [kiosk.id] }
		});
		const [device] = await db.sql<{ revokedAt: Date | null }[]>`select revoked_at from devices where id = ${kiosk.id}`;
		expect(device!.revokedAt).not.toBeNull();

		await updateOffice(db.sql, w.scope.admin, office.id, { archived: false }, sockets);
		expect(ended).toHaveLength(1);
		expect((await listOffices(db.sql)).map((o) => o.slug)).toContain('west');
		expect((await bookingOffices(db.sql)).map((o) => o.slug)).toContain('west');
		// A closed office kept no live keys: its devices are paired again with new tokens.
		expect(await authenticateDevice(db.sql, kiosk.token)).toBeNull();
		expect((await auditRows(db.sql)).at(-1)).toMatchObject({ action: 'restore' });
	});

	it('unknown offices are 404', async () => {
		await expect(updateOffice(db.sql, w.scope.admin, 'nowhere', { nameRu: 'x' })).rejects.toMatchObject({ code: 'office_not_found' });
	});
});

describe('office input', () => {
	it('validates the IANA time zone, slug, phone and map link', () => {
		expect(isIanaTimeZone('Europe/Kaliningrad')).toBe(true);
		expect(isIanaTimeZone('Asia/Kamchatka')).toBe(true);
		expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
		expect(isIanaTimeZone('Europe/Mordor')).toBe(false);
		expect(isIanaTimeZone('MSK')).toBe(false);
		const bad = officeCreate.safeParse({
			slug: 'Плохой',
			nameRu: '',
			nameEn: 'x',
			timeZone: 'Mars/Olympus',
			phone: 'call me',
			mapUrl: 'javascript:alert(1)'
		});
		expect(bad.success).toBe(false);
		expect(new Set(bad.error!.issues.map((i) => i.path[0]))).toEqual(new Set(['slug', 'nameRu', 'timeZone', 'phone', 'mapUrl']));
		expect(officePatch.parse({ slug: ' New-One ' })).toEqual({ slug: 'new-one' });
	});
});
