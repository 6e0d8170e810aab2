// Prepares a fresh embedded database for the kiosk's end-to-end tests and prints one JSON line:
// the demo office, its kiosk's token and a second kiosk whose token is already revoked. Run by
// tests/e2e/kiosk.spec.ts with tsx before it starts its own server on that data folder.
import { connect } from '$lib/server/db/connect';
import { loadMigrations, migrate } from '$lib/server/db/migrate';
import { migrationsDir } from '$lib/server/db/paths';
import { seedDemo } from '$lib/server/demo/seed';
import { addDevice, revokeDevice } from '$lib/server/auth/devices';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: kiosk-setup.ts <data dir>');
const db = await connect({ dataDir });
try {
	await migrate(db.sql, loadMigrations(migrationsDir()));
	const seeded = await seedDemo(db.sql);
	const revoked = await addDevice(db.sql, { officeId: seeded.officeId, kind: 'kiosk', name: 'Старый киоск' });
	await revokeDevice(db.sql, revoked.id);
	console.log(
		JSON.stringify({
			officeId: seeded.officeId,
			kioskToken: seeded.devices.find((d) => d.kind === 'kiosk')!.token,
			revokedToken: revoked.token
		})
	);
} finally {
	await db.close();
}
