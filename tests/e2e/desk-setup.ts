// Prepares the embedded database of the desk/login end-to-end tests before their server starts:
// the demo office plus staff with passwords the tests know, and a second office with its own
// desk and operator (for "an operator cannot act on another office's desk"). Prints JSON.
import { connect } from '$lib/server/db/connect';
import { loadMigrations, migrate } from '$lib/server/db/migrate';
import { migrationsDir } from '$lib/server/db/paths';
import { seedDemo } from '$lib/server/demo/seed';
import { addStaffUser } from '$lib/server/auth/staff';

export const PASSWORD = 'desk-e2e-password';

export async function prepare(dataDir: string) {
	const db = await connect({ dataDir });
	try {
		await migrate(db.sql, loadMigrations(migrationsDir()));
		const demo = await seedDemo(db.sql);
		const [north] = await db.sql<{ id: number }[]>`
			insert into offices (slug, name_ru, name_en, time_zone) values ('north', 'МФЦ «Северный»', 'North Centre', 'Europe/Moscow') returning id`;
		const [svc] = await db.sql<{ id: number }[]>`
			insert into services (office_id, name_ru, name_en, prefix, duration_min, target_wait_min) values (${north!.id}, 'Справки', 'Certificates', 'С', 10, 15) returning id`;
		const [desk] = await db.sql<{ id: number }[]>`insert into desks (office_id, number, name) values (${north!.id}, 1, 'Окно 1') returning id`;
		await db.sql`insert into desk_services (desk_id, service_id, priority) values (${desk!.id}, ${svc!.id}, 10)`;
		const users = [
			{ login: 'alice', roles: ['operator' as const], officeIds: [demo.officeId], displayName: 'Алиса Петрова' },
			{ login: 'bob', roles: ['operator' as const], officeIds: [demo.officeId], displayName: 'Борис Смирнов' },
			{ login: 'carol', roles: ['operator' as const], officeIds: [demo.officeId], displayName: 'Карина Лебедева' },
			{ login: 'nora', roles: ['operator' as const], officeIds: [north!.id], displayName: 'Нора Северова' },
			{ login: 'boss', roles: ['admin' as const], officeIds: [demo.officeId], displayName: 'Администратор' }
		];
		for (const u of users) await addStaffUser(db.sql, { ...u, password: PASSWORD });
		return { centralId: demo.officeId, northId: north!.id, northDeskId: desk!.id, kioskToken: demo.devices.find((d) => d.kind === 'kiosk')!.token };
	} finally {
		await db.close();
	}
}

if (process.argv[2]) {
	console.log(JSON.stringify(await prepare(process.argv[2])));
}
