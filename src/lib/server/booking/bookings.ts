import { createHash } from 'node:crypto';
import type { Sql, Tx } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { newBookingCode, type BookingState } from '$lib/domain/booking-rules';
import { findSlot, localDayOf } from '$lib/domain/slots';
import { loadOffice, type OfficeRow } from '$lib/server/queue/rows';
import { loadBookableService, slotQuery, type BookableService } from './schedule';
import { noticeBooking } from '$lib/server/notices/booking';
import type { Locale } from '$lib/i18n/locale';
import { confirmationExtras } from './confirm';

/**
 * Bookings: create, read, cancel and move. Each is one transaction. Capacity is settled by
 * PostgreSQL, not by this process: a place is taken by one guarded update of the slot's row
 * (`taken < capacity`), which concurrent transactions queue on and re-check after each commit;
 * one booking per phone, service and day is a partial unique index.
 */

export interface BookingRow {
	id: number;
	officeId: number;
	serviceId: number;
	startsAt: Date;
	durationMin: number;
	localDay: string;
	code: string;
	citizenName: string | null;
	phone: string | null;
	email: string | null;
	state: BookingState;
	source: 'online' | 'desk' | 'api';
	ticketId: number | null;
	createdAt: Date;
	checkedInAt: Date | null;
	cancelledAt: Date | null;
	erasedAt: Date | null;
	/** The visitor's language: what the booking's notices are written in. */
	locale: Locale;
}

export interface NewBooking {
	officeId: number;
	serviceId: number;
	startsAt: Date;
	/** Already validated: trimmed name, E.164 phone, e-mail or null. */
	name: string;
	phone: string;
	email: string | null;
	source?: 'online' | 'desk' | 'api';
	staffId?: number | null;
	/**
	 * The visitor's language and the site's address: the confirmation (SMS to the phone, e-mail
	 * with the manage link and a calendar file) is written to the outbox in the booking's own
	 * transaction. Default ru, no manage link in the notices.
	 */
	notify?: { locale: Locale; origin: string };
}

export interface CreatedBooking {
	booking: BookingRow;
	/** The manage-link secret: given once, only its hash is stored. */
	token: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));

/** Unique violations become refusals people understand; anything else stays an error. */
function mapUnique(e: unknown): never {
	const err = e as { code?: string; constraint_name?: string; constraint?: string };
	if (err?.code === '23505' && (err.constraint_name ?? err.constraint) === 'bookings_one_per_phone') throw new TalonError('booking_limit');
	throw e;
}

/**
 * Takes one place of a slot or throws `slot_taken`. The capacity computed from the plan now is
 * written with the increment, so an edited plan takes effect on the next booking.
 */
async function takePlace(tx: Tx, officeId: number, serviceId: number, startsAt: Date, capacity: number): Promise<void> {
	await tx`insert into booking_slots (office_id, service_id, starts_at, capacity, taken)
		values (${officeId}, ${serviceId}, ${startsAt}, ${capacity}, 0) on conflict do nothing`;
	const [row] = await tx`
		update booking_slots set taken = taken + 1, capacity = ${capacity}
		where office_id = ${officeId} and service_id = ${serviceId} and starts_at = ${startsAt} and taken < ${capacity}
		returning taken`;
	if (!row) throw new TalonError('slot_taken');
}

async function releasePlace(tx: Tx, b: Pick<BookingRow, 'officeId' | 'serviceId' | 'startsAt'>): Promise<void> {
	await tx`update booking_slots set taken = taken - 1
		where office_id = ${b.officeId} and service_id = ${b.serviceId} and starts_at = ${b.startsAt} and taken > 0`;
}

/** The slot a booking asks for, checked against the office's plan as of `now`. */
async function offeredSlot(tx: Tx, office: OfficeRow, service: BookableService, startsAt: Date, now: Date) {
	const day = localDayOf(startsAt, office.timeZone);
	const q = await slotQuery(tx, office, service, now, { first: day, last: day });
	const slot = findSlot(q, startsAt);
	if (!slot) throw new TalonError('slot_unavailable');
	return { slot, day };
}

export async function createBooking(sql: Sql, input: NewBooking, now: Date): Promise<CreatedBooking> {
	try {
		return await sql.begin(async (tx) => {
			const office = await loadOffice(tx, input.officeId);
			const service = await loadBookableService(tx, office.id, input.serviceId, { staff: input.source === 'desk' });
			const { slot, day } = await offeredSlot(tx, office, service, input.startsAt, now);
			await takePlace(tx, office.id, service.id, slot.startsAt, slot.capacity);
			const token = newToken();
			for (let attempt = 0; attempt < 8; attempt++) {
				const [booking] = await tx<BookingRow[]>`
					insert into bookings (office_id, service_id, starts_at, duration_min, local_day, code, token_hash,
						citizen_name, phone, email, source, created_by_staff_id, created_at, locale)
					values (${office.id}, ${service.id}, ${slot.startsAt}, ${service.durationMin}, ${day}, ${newBookingCode()},
						${hashToken(token)}, ${input.name}, ${input.phone}, ${input.email}, ${input.source ?? 'online'},
						${input.staffId ?? null}, ${now}, ${input.notify?.locale ?? 'ru'})
					on conflict (code) do nothing
					returning *`;
				if (booking) {
					const extras = input.notify
						? confirmationExtras(await bookingDetails(tx, booking), input.notify.locale, input.notify.origin, token)
						: {};
					await noticeBooking(tx, booking.id, 'booking_confirmed', now, extras);
					return { booking, token };
				}
			}
			throw new Error('no free booking code after 8 attempts');
		});
	} catch (e) {
		mapUnique(e);
	}
}

export async function bookingByToken(sql: Sql | Tx, token: string): Promise<BookingRow> {
	if (!/^[a-z2-7]{16,64}$/.test(token)) throw new TalonError('booking_not_found');
	const [b] = await sql<BookingRow[]>`select * from bookings where token_hash = ${hashToken(token)}`;
	if (!b) throw new TalonError('booking_not_found');
	return b;
}

async function lockByToken(tx: Tx, token: string): Promise<BookingRow> {
	if (!/^[a-z2-7]{16,64}$/.test(token)) throw new TalonError('booking_not_found');
	const [b] = await tx<BookingRow[]>`select * from bookings where token_hash = ${hashToken(token)} for update`;
	if (!b) throw new TalonError('booking_not_found');
	if (b.state !== 'booked') throw new TalonError('booking_not_active', { state: b.state });
	return b;
}

/** Cancels by the manage link: the place is free for others as soon as this commits. */
export async function cancelBooking(sql: Sql, token: string, now: Date): Promise<BookingRow> {
	return sql.begin(async (tx) => {
		const b = await lockByToken(tx, token);
		await releasePlace(tx, b);
		const [row] = await tx<BookingRow[]>`
			update bookings set state = 'cancelled', cancelled_at = ${now} where id = ${b.id} returning *`;
		await noticeBooking(tx, b.id, 'booking_cancelled', now);
		return row!;
	});
}

/**
 * Moves a booking to another start time, all or nothing: the new place is taken first and the
 * old one released in the same transaction, so a refusal leaves the booking where it was.
 * Both slot rows are locked in time order first, so two people swapping times cannot deadlock.
 */
export async function moveBooking(sql: Sql, token: string, startsAt: Date, now: Date): Promise<BookingRow> {
	try {
		return await sql.begin(async (tx) => {
			const b = await lockByToken(tx, token);
			if (b.startsAt.getTime() === startsAt.getTime()) return b;
			const office = await loadOffice(tx, b.officeId);
			const service = await loadBookableService(tx, office.id, b.serviceId, { staff: b.source === 'desk' });
			const { slot, day } = await offeredSlot(tx, office, service, startsAt, now);
			await tx`insert into booking_slots (office_id, service_id, starts_at, capacity, taken)
				values (${office.id}, ${service.id}, ${slot.startsAt}, ${slot.capacity}, 0) on conflict do nothing`;
			await tx`select 1 from booking_slots where office_id = ${office.id} and service_id = ${service.id}
				and starts_at in (${b.startsAt}, ${slot.startsAt}) order by starts_at for update`;
			await takePlace(tx, office.id, service.id, slot.startsAt, slot.capacity);
			await releasePlace(tx, b);
			const [row] = await tx<BookingRow[]>`
				update bookings set starts_at = ${slot.startsAt}, local_day = ${day} where id = ${b.id} returning *`;
			await noticeBooking(tx, b.id, 'booking_moved', now);
			return row!;
		});
	} catch (e) {
		mapUnique(e);
	}
}

/** What the confirmation and manage pages show. */
export interface BookingDetails {
	booking: BookingRow;
	office: OfficeRow;
	service: { id: number; nameRu: string; nameEn: string; documentsRu: string[]; documentsEn: string[] };
}

export async function bookingDetails(sql: Sql | Tx, booking: BookingRow): Promise<BookingDetails> {
	const office = await loadOffice(sql, booking.officeId);
	const [service] = await sql<BookingDetails['service'][]>`
		select id, name_ru, name_en, documents_ru, documents_en from services where id = ${booking.serviceId}`;
	return { booking, office, service: service! };
}
