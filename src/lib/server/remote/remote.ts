import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { Sql, Tx } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { Locale } from '$lib/i18n/locale';
import { otpNotice } from '$lib/i18n/notices';
import { CODE_ALPHABET, CODE_LENGTH } from '$lib/domain/booking-rules';
import { enqueue } from '$lib/server/notices/outbox';
import { issueTicket, type EngineContext, type IssuedTicket } from '$lib/server/queue';
import type { TicketRow } from '$lib/server/queue/rows';
import { callsUnarrived } from '$lib/server/queue/arrival';
import type { CheckInCard } from '$lib/remote/types';

/**
 * Remote joining (issue 13, item 4): a visitor at /q/<office> gives a phone, gets a 6-digit SMS
 * code (through the outbox, in the transaction that stores the code), and with it takes a ticket
 * for a service the office lets visitors join remotely. The ticket is issued by the engine like
 * any other (numbering, events; not printed: the actor is not a kiosk), with source `remote` and a
 * kiosk check-in code: until the visitor checks in with it, call-next passes over the ticket
 * (unless the office calls remote tickets before arrival). The confirmed phone is kept with the
 * ticket (`tickets.remote_phone`: one live remote ticket per phone and office, a unique index of
 * migrations/0032_remote_phone.sql) and as its SMS alert; the retention job erases both with the
 * other notice contacts (notices/jobs.ts#eraseNoticeData). Neither is ever shown unmasked.
 */
export const OTP = { digits: 6, ttlSeconds: 300, tries: 3 } as const;
/** How many "ahead" the SMS alert of a remote ticket says (as the /t form's default). */
export const REMOTE_ALERT_AHEAD = 3;

function hashCode(code: string, salt: string): string {
	return salt + ':' + createHash('sha256').update(salt).update(code).digest('hex');
}

function sameCode(code: string, stored: string): boolean {
	const [salt] = stored.split(':');
	const a = Buffer.from(hashCode(code, salt ?? ''));
	const b = Buffer.from(stored);
	return a.length === b.length && timingSafeEqual(a, b);
}

export interface RemoteService {
	id: number;
	nameRu: string;
	nameEn: string;
}

/** The office's services a visitor may join from a phone (active and `remote_allowed`). */
export async function remoteServices(sql: Sql | Tx, officeId: number): Promise<RemoteService[]> {
	return sql<RemoteService[]>`
		select id, name_ru, name_en from services
		where office_id = ${officeId} and active and remote_allowed order by sort, id`;
}

/**
 * Stores a new code for the phone (replacing an earlier one: fresh 5 minutes and 3 tries) and
 * writes its SMS into the outbox in the same transaction. The code itself is returned only to
 * the caller's tests through `generate`; the answer to a visitor carries the expiry alone.
 */
export async function requestCode(
	sql: Sql,
	officeId: number,
	phone: string,
	locale: Locale,
	now: Date,
	generate: () => string = () => String(randomInt(0, 10 ** OTP.digits)).padStart(OTP.digits, '0')
): Promise<{ expiresAt: Date }> {
	const code = generate();
	const expiresAt = new Date(now.getTime() + OTP.ttlSeconds * 1000);
	await sql.begin(async (tx) => {
		if ((await remoteServices(tx, officeId)).length === 0) throw new TalonError('remote_not_allowed');
		await tx`
			insert into remote_codes (office_id, phone, code_hash, expires_at, tries_left, created_at)
			values (${officeId}, ${phone}, ${hashCode(code, randomBytes(8).toString('hex'))}, ${expiresAt}, ${OTP.tries}, ${now})
			on conflict (office_id, phone) do update set code_hash = excluded.code_hash, expires_at = excluded.expires_at,
				tries_left = excluded.tries_left, created_at = excluded.created_at`;
		await enqueue(
			tx,
			[{ officeId, kind: 'otp', channel: 'sms', recipient: phone, locale, body: otpNotice(locale, code), secret: true }],
			now
		);
	});
	return { expiresAt };
}

/** Uses one try of the phone's code; the code is gone once it matched (one ticket per code). */
async function useCode(sql: Sql, officeId: number, phone: string, code: string, now: Date): Promise<void> {
	const ok = await sql.begin(async (tx) => {
		const [row] = await tx<{ codeHash: string }[]>`
			update remote_codes set tries_left = tries_left - 1
			where office_id = ${officeId} and phone = ${phone} and expires_at > ${now} and tries_left > 0
			returning code_hash`;
		if (!row || !sameCode(code, row.codeHash)) return false;
		await tx`delete from remote_codes where office_id = ${officeId} and phone = ${phone}`;
		return true;
	});
	if (!ok) throw new TalonError('code_invalid');
}

/** The phone's live remote ticket here, if any (the partial unique index answers it). */
async function activeRemoteTicket(db: Sql | Tx, officeId: number, phone: string): Promise<boolean> {
	const rows = await db`
		select 1 from tickets
		where office_id = ${officeId} and remote_phone = ${phone} and source = 'remote' and state in ('waiting', 'called', 'serving')`;
	return rows.length > 0;
}

/** The index that holds one live remote ticket per phone and office (migrations/0032_remote_phone.sql). */
const ONE_PER_PHONE = 'tickets_remote_phone_live';

function isOnePerPhone(e: unknown): boolean {
	const err = e as { code?: string; constraint_name?: string; constraint?: string } | null;
	return err?.code === '23505' && (err.constraint_name ?? err.constraint) === ONE_PER_PHONE;
}

function newCheckinCode(): string {
	let out = '';
	for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
	return out;
}

export interface RemoteTicket extends IssuedTicket {
	/** What the visitor types at the kiosk on arrival. */
	checkinCode: string;
}

/**
 * Checks the code and issues the remote ticket. Refusals in this order: the service
 * (`service_not_found`, `remote_not_allowed`), a live remote ticket of this phone here
 * (`remote_ticket_exists`, the code is not used up), the code (`code_invalid`: wrong, expired, or
 * its 3 tries spent). The database holds the one-ticket rule itself: two requests at once, or a
 * phone whose SMS alert was cancelled, still get one live ticket (the second insert breaks the
 * unique index and is refused with `remote_ticket_exists`, its transaction rolled back).
 */
export async function joinRemotely(
	ctx: EngineContext,
	officeId: number,
	input: { phone: string; code: string; serviceId: number; locale: Locale },
	now: Date
): Promise<RemoteTicket> {
	const sql = ctx.sql;
	const [service] = await sql<{ active: boolean; remoteAllowed: boolean }[]>`
		select active, remote_allowed from services where id = ${input.serviceId} and office_id = ${officeId}`;
	if (!service) throw new TalonError('service_not_found');
	if (!service.active) throw new TalonError('service_inactive');
	if (!service.remoteAllowed) throw new TalonError('remote_not_allowed');
	if (await activeRemoteTicket(sql, officeId, input.phone)) throw new TalonError('remote_ticket_exists');
	await useCode(sql, officeId, input.phone, input.code, now);

	let checkinCode = '';
	try {
		const issued = await issueTicket(
			ctx,
			{ kind: 'system' },
			{
				officeId,
				serviceId: input.serviceId,
				source: 'remote',
				locale: input.locale,
				inTransaction: {
					after: async (tx, ticket) => {
						for (;;) {
							checkinCode = newCheckinCode();
							const clash = await tx`
								select 1 from bookings where office_id = ${officeId} and code = ${checkinCode}
								union all
								select 1 from tickets where office_id = ${officeId} and checkin_code = ${checkinCode}
								  and state in ('waiting', 'called', 'serving')`;
							if (clash.length === 0) break;
						}
						const [row] = await tx<TicketRow[]>`
							update tickets set checkin_code = ${checkinCode}, remote_phone = ${input.phone} where id = ${ticket.id} returning *`;
						await tx`
							insert into ticket_alerts (ticket_id, channel, recipient, locale, ahead, created_at)
							values (${ticket.id}, 'sms', ${input.phone}, ${input.locale}, ${REMOTE_ALERT_AHEAD}, ${now})`;
						return row!;
					}
				}
			}
		);
		return { ...issued, checkinCode };
	} catch (e) {
		if (isOnePerPhone(e)) throw new TalonError('remote_ticket_exists');
		throw e;
	}
}

/** The check-in card of a remote ticket still waiting for its visitor (null: nothing to show). */
export async function checkInCard(db: Sql, officeId: number, code: string | null): Promise<CheckInCard | null> {
	if (!code) return null;
	// The plain code, as on a booking's QR: the scanner types it and Enter. Level M and a 2-module
	// margin (on a white card) so a scanner reads it from a phone screen behind glare.
	const qr = await QRCode.toString(code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	return { code, qr, callsUnarrived: await callsUnarrived(db, officeId) };
}
