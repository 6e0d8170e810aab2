// Prepares a PostgreSQL database for the booking end-to-end test and prints one JSON line: the
// demo office (booking lead time 0 so the next slot can be booked and checked in right away), a
// kiosk token, and a staff session cookie for the desk's call-next. Run by booking.spec.ts with tsx.
import { connect } from '$lib/server/db/connect';
import { loadMigrations, migrate } from '$lib/server/db/migrate';
import { migrationsDir } from '$lib/server/db/paths';
import { seedDemo } from '$lib/server/demo/seed';
import { setBookingPlan } from '$lib/server/booking/plan';
import { addStaffUser } from '$lib/server/auth/staff';
import { createSession } from '$lib/server/auth/sessions';

// The target is a PostgreSQL URL or an embedded data folder (when no server is configured).
// `shift` instead moves booked tickets' slot start a minute into the past (the server is stopped).
const [target, mode] = process.argv.slice(2);
if (!target) throw new Error('usage: booking-setup.ts <database url | data folder> [shift]');
const db = /^postgres(ql)?:\/\//.test(target) ? await connect({ url: target, max: 2 }) : await connect({ dataDir: target });
if (mode === 'shift') {
	await db.sql`update tickets set appointment_at = now() - interval '1 minute' where source = 'booking'`;
	await db.close();
	process.exit(0);
}
try {
	await migrate(db.sql, loadMigrations(migrationsDir()));
	const seeded = await seedDemo(db.sql);
	// Always open, so the test does not depend on the hour it runs at; check-in opens an hour ahead.
	const allDay = { openMin: 0, closeMin: 1440 };
	await setBookingPlan(db.sql, seeded.officeId, { minLeadMin: 0, beforeMin: 60, publicHolidays: false }, { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay });
	const staff = await addStaffUser(db.sql, { login: 'e2e-desk', password: 'booking-e2e-password', roles: ['operator'], officeIds: [seeded.officeId], displayName: 'E2E' });
	const session = await createSession(db.sql, staff.id);
	const [desk] = await db.sql<{ id: number }[]>`update desks set state = 'open' where office_id = ${seeded.officeId} and number = 1 returning id`;
	console.log(JSON.stringify({ officeId: seeded.officeId, deskId: desk!.id, kioskToken: seeded.devices.find((d) => d.kind === 'kiosk')!.token, sessionToken: session.token }));
} finally {
	await db.close();
}
