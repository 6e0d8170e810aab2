import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';

/** Offices that take online bookings; with just one, straight to it. */
export const load = (async ({ url }) => {
	const { db } = await app();
	const offices = await db.sql<{ slug: string; nameRu: string; nameEn: string; addressRu: string; addressEn: string }[]>`
		select o.slug, o.name_ru, o.name_en, o.address_ru, o.address_en from offices o
		where exists (select 1 from booking_settings s where s.office_id = o.id) order by o.name_ru`;
	if (offices.length === 1) redirect(307, `/book/${offices[0]!.slug}${url.search}`);
	return { offices: [...offices] };
}) satisfies PageServerLoad;
