// Prepares a fresh embedded database for the board's end-to-end tests and prints what the test
// needs as one JSON line: the demo office (migrated, seeded), the board's device token and an
// operator session token (the staff socket the test calls tickets with). Run by the spec with
// tsx before it starts its own server on that data folder.
import { connect } from '$lib/server/db/connect';
import { loadMigrations, migrate } from '$lib/server/db/migrate';
import { migrationsDir } from '$lib/server/db/paths';
import { seedDemo } from '$lib/server/demo/seed';
import { createSession } from '$lib/server/auth/sessions';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: display-setup.ts <data dir>');
const db = await connect({ dataDir });
try {
	await migrate(db.sql, loadMigrations(migrationsDir()));
	const seeded = await seedDemo(db.sql);
	const [operator] = await db.sql<{ id: number }[]>`select id from staff_users where login = 'operator'`;
	// A full name, so the privacy test can check that no board ever shows it.
	await db.sql`update staff_users set display_name = 'Иванова Анна Петровна' where id = ${operator!.id}`;
	const session = await createSession(db.sql, operator!.id);
	const desks = await db.sql<{ id: number; number: number }[]>`select id, number from desks where office_id = ${seeded.officeId} order by number`;
	const services = await db.sql<{ id: number; prefix: string }[]>`select id, prefix from services where office_id = ${seeded.officeId} order by sort`;
	await db.sql`insert into board_messages (office_id, text_ru, text_en) values
		(${seeded.officeId}, 'Приём документов на загранпаспорт — окна 2 и 3', 'International passports: windows 2 and 3'),
		(${seeded.officeId}, 'Технический перерыв с 13:00 до 13:45', 'Technical break 13:00–13:45')`;
	console.log(
		JSON.stringify({
			officeId: seeded.officeId,
			boardToken: seeded.devices.find((d) => d.kind === 'display')!.token,
			session: session.token,
			desks,
			services
		})
	);
} finally {
	await db.close();
}
