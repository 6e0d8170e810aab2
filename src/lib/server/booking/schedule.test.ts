import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/db';
import { makeOffice, type Fixture } from '../../../../tests/helpers/fixture';
import { defaultBookingSettings, type BookingSettings } from '$lib/domain/booking-rules';
import { setBookingPlan } from './plan';
import { loadSettings } from './schedule';

/** The booking rules have one shape and one set of defaults: the code's, never the migration's. */
let db: TestDatabase;
let f: Fixture;

beforeAll(async () => {
	db = await createTestDatabase();
	f = await makeOffice(db.sql, { slug: 'rules' });
});
afterAll(() => db?.close());

describe('booking settings', () => {
	it('an office set up with no choices gets exactly the defaults, even with no column default in the table', async () => {
		// Without the migration's defaults, a column the code forgot to write fails the insert.
		const columns = await db.sql<{ columnName: string }[]>`
			select column_name from information_schema.columns
			where table_schema = current_schema() and table_name = 'booking_settings' and column_default is not null`;
		expect(columns.length).toBeGreaterThan(0);
		for (const { columnName } of columns) await db.sql`alter table booking_settings alter column ${db.sql(columnName)} drop default`;
		await setBookingPlan(db.sql, f.officeId);
		expect(await loadSettings(db.sql, f.officeId)).toEqual(defaultBookingSettings);
	});

	it('every field is written and read back under its one name', async () => {
		const custom: BookingSettings = {
			bookingShare: 0.25,
			stepMin: 20,
			minLeadMin: 0,
			horizonDays: 30,
			beforeMin: 45,
			afterMin: 5,
			latePolicy: 'refuse',
			retentionDays: 90,
			publicHolidays: false
		};
		await setBookingPlan(db.sql, f.officeId, custom);
		expect(await loadSettings(db.sql, f.officeId)).toEqual(custom);
		await setBookingPlan(db.sql, f.officeId, { horizonDays: 7 });
		expect(await loadSettings(db.sql, f.officeId)).toEqual({ ...defaultBookingSettings, horizonDays: 7 });
	});
});
