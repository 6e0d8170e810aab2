/**
 * Visitors rate a finished visit (issue 12): once, within 24 hours of the finish, from the ticket
 * page (`/t/<code>`, by its public code) or from the rating pad at the desk (a display device of
 * the office, for the ticket just finished there). The service, desk and operator are copied from
 * the ticket, so a later change of the desk or the operator does not move the rating. Ratings are
 * never edited: `ratings.ticket_id` is unique and the insert is `on conflict do nothing`, so two
 * submits at once store one row and the second is told `already_rated`.
 */
import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { RATING_WINDOW_MS, type RatingState, type RatingView } from '$lib/ratings/types';
import type { DevicePrincipal } from '$lib/server/auth/devices';

export interface RatingInput {
	score: number;
	comment?: string | null;
}

interface TicketFacts {
	id: number;
	officeId: number;
	deskId: number | null;
	state: string;
	finishedAt: Date | null;
}

interface RatingRow {
	score: number;
	comment: string | null;
	via: 'page' | 'pad';
	createdAt: Date;
}

const view = (r: RatingRow): RatingView => ({ score: r.score, comment: r.comment, via: r.via, createdAt: r.createdAt.toISOString() });

/** Rates a ticket found by its public code (the ticket page and `POST /api/v1/tickets/{code}/rating`). */
export async function rateByCode(sql: Sql, publicCode: string, input: RatingInput, now: Date = new Date()): Promise<RatingView> {
	const [ticket] = await sql<TicketFacts[]>`
		select id, office_id, desk_id, state, finished_at from tickets where public_code = ${publicCode}`;
	if (!ticket) throw new TalonError('ticket_not_found');
	return insertRating(sql, ticket, input, 'page', now);
}

/**
 * Rates from the pad at a desk: a display device of the ticket's office, for a ticket finished at
 * that desk. Anyone else is refused (`forbidden` for a kiosk or staff, `wrong_office` for another
 * office's display) and a ticket of another desk is `ticket_not_found`, so a pad cannot rate
 * visits it did not see.
 */
export async function rateAtDesk(
	sql: Sql,
	device: DevicePrincipal | null,
	input: { deskId: number; ticketId: number; score: number },
	now: Date = new Date()
): Promise<RatingView> {
	if (!device || device.kind !== 'display') throw new TalonError('forbidden');
	const [ticket] = await sql<TicketFacts[]>`
		select id, office_id, desk_id, state, finished_at from tickets where id = ${input.ticketId}`;
	if (!ticket) throw new TalonError('ticket_not_found');
	if (ticket.officeId !== device.officeId) throw new TalonError('wrong_office');
	if (ticket.deskId !== input.deskId) throw new TalonError('ticket_not_found');
	return insertRating(sql, ticket, { score: input.score }, 'pad', now);
}

async function insertRating(sql: Sql, ticket: TicketFacts, input: RatingInput, via: 'page' | 'pad', now: Date): Promise<RatingView> {
	const opensAfter = new Date(now.getTime() - RATING_WINDOW_MS);
	const comment = input.comment?.trim() || null;
	// One statement: the ticket's state and window are checked by the same row the insert copies,
	// and the unique ticket_id settles two submits at once.
	const [row] = await sql<RatingRow[]>`
		insert into ratings (ticket_id, office_id, service_id, desk_id, staff_id, score, comment, via, created_at)
		select t.id, t.office_id, t.service_id, t.desk_id, t.staff_id, ${input.score}, ${comment}, ${via}, ${now}
		from tickets t
		where t.id = ${ticket.id} and t.state = 'done' and t.finished_at > ${opensAfter}
		on conflict (ticket_id) do nothing
		returning score, comment, via, created_at`;
	if (row) return view(row);
	// Nothing inserted: say why.
	const [given] = await sql<RatingRow[]>`select score, comment, via, created_at from ratings where ticket_id = ${ticket.id}`;
	if (given) throw new TalonError('already_rated');
	if (ticket.state !== 'done' || !ticket.finishedAt) throw new TalonError('ticket_not_finished');
	throw new TalonError('rating_closed');
}

/** What the ticket page offers: nothing before the finish, the form within the window, thanks after. */
export async function ratingState(sql: Sql, publicCode: string, now: Date = new Date()): Promise<RatingState> {
	const [row] = await sql<
		(TicketFacts & { score: number | null; comment: string | null; via: 'page' | 'pad' | null; createdAt: Date | null })[]
	>`
		select t.id, t.office_id, t.desk_id, t.state, t.finished_at, r.score, r.comment, r.via, r.created_at
		from tickets t left join ratings r on r.ticket_id = t.id
		where t.public_code = ${publicCode}`;
	if (!row) throw new TalonError('ticket_not_found');
	if (row.score !== null && row.via && row.createdAt)
		return { kind: 'given', rating: view({ score: row.score, comment: row.comment, via: row.via, createdAt: row.createdAt }) };
	if (row.state !== 'done' || !row.finishedAt) return { kind: 'not_yet' };
	const closesAt = row.finishedAt.getTime() + RATING_WINDOW_MS;
	return now.getTime() < closesAt ? { kind: 'open', closesAt: new Date(closesAt).toISOString() } : { kind: 'closed' };
}
