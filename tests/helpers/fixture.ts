import { engineHooks } from '../../src/lib/server/engine-hooks';
import type { Sql } from '../../src/lib/server/db/connect';
import type { Actor, EngineContext } from '../../src/lib/server/queue';
import type { QueueEvent } from '../../src/lib/realtime/types';

/** A small office for engine tests: services A and B, desks 1..n serving both (A weighted 10, B 2 on desk 1). */
export interface Fixture {
	officeId: number;
	services: { a: number; b: number };
	desks: number[];
	actor: Actor;
	ctx: EngineContext;
	published: QueueEvent[];
}

export async function makeOffice(
	sql: Sql,
	opts: { slug?: string; timeZone?: string; desks?: number; now?: () => Date } = {}
): Promise<Fixture> {
	const [office] = await sql<{ id: number }[]>`
		insert into offices (slug, name_ru, name_en, time_zone)
		values (${opts.slug ?? 'test-office'}, 'Тестовый офис', 'Test office', ${opts.timeZone ?? 'Europe/Moscow'}) returning id`;
	const officeId = office!.id;
	const [a] = await sql<{ id: number }[]>`
		insert into services (office_id, name_ru, name_en, prefix, duration_min) values (${officeId}, 'Паспорт', 'Passport', 'П', 10) returning id`;
	const [b] = await sql<{ id: number }[]>`
		insert into services (office_id, name_ru, name_en, prefix, duration_min) values (${officeId}, 'Консультация', 'Consultation', 'К', 5) returning id`;
	const desks: number[] = [];
	for (let n = 1; n <= (opts.desks ?? 2); n++) {
		const [d] = await sql<{ id: number }[]>`
			insert into desks (office_id, number, name, state) values (${officeId}, ${n}, ${'Окно ' + n}, 'open') returning id`;
		desks.push(d!.id);
		await sql`insert into desk_services (desk_id, service_id, priority) values (${d!.id}, ${a!.id}, 10), (${d!.id}, ${b!.id}, 2)`;
	}
	const published: QueueEvent[] = [];
	return {
		officeId,
		services: { a: a!.id, b: b!.id },
		desks,
		actor: { kind: 'system' },
		ctx: { sql, publish: (events) => published.push(...events), now: opts.now, hooks: engineHooks },
		published
	};
}
