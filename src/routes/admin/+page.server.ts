import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The office menu's switch posts `?office=<slug>` here (a GET form that works without JavaScript). */
export const load = (async ({ url, parent }) => {
	const office = url.searchParams.get('office');
	if (office) {
		const { offices } = await parent();
		const chosen = offices.find((o) => o.slug === office);
		if (chosen) redirect(303, `/admin/offices/${chosen.slug}`);
	}
	return {};
}) satisfies PageServerLoad;
