import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

// Client-side like the board; the desk number comes from the address (`/display/desk/5`).
export const ssr = false;

export const load = (({ params }) => {
	const number = Number(params.number);
	if (!/^\d{1,3}$/.test(params.number) || number < 1) error(404, 'no such desk');
	return { deskNumber: number };
}) satisfies PageLoad;
