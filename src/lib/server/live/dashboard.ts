/**
 * The server side of the supervisor's live dashboard (issue 12): who may watch (supervisors of
 * the office, admins), what the dashboard needs beyond the office snapshot (`LiveExtras`: desks'
 * pause times and operators, today's running figures, the devices, acknowledged alerts), and
 * acknowledging an alert once per office.
 */
import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import type { DeviceStatus, LiveExtras } from '$lib/admin/live';
import type { AdminOffice } from '$lib/admin/types';
import { adminScope, assertOfficeInScope } from '$lib/server/admin/scope';
import { officeInScope, officesInScope } from '$lib/server/admin/offices-in-scope';
import type { StaffPrincipal } from '$lib/server/auth/sessions';
import { presence as livePresence, type Presence } from './presence';
import { readPresence, type DevicePresence } from './presence-store';

/** Acknowledgements older than this are not sent (their alerts' keys carry times; old ones never recur). */
const ACK_MEMORY_MS = 2 * 24 * 60 * 60 * 1000;

/** `forbidden` unless a supervisor of the office or an admin; `unauthorized` when not signed in. */
export function assertMayWatchLive(staff: StaffPrincipal | null, officeId: number): StaffPrincipal {
	if (!staff) throw new TalonError('unauthorized');
	assertOfficeInScope(adminScope(staff), officeId);
	return staff;
}

export async function liveExtras(
	sql: Sql,
	officeId: number,
	now: Date = new Date(),
	presence: Presence = livePresence
): Promise<LiveExtras> {
	const [office] = await sql<{ day: string }[]>`
		select to_char((${now}::timestamptz at time zone time_zone)::date, 'YYYY-MM-DD') as day from offices where id = ${officeId}`;
	if (!office) throw new TalonError('office_not_found');
	// Four reads side by side (the pool pipelines them): the dashboard waits for the slowest, not the sum.
	const [desks, [today], devices, acks, here] = await Promise.all([
		sql<{ deskId: number; pausedSince: Date | null; operatorName: string | null }[]>`
		select d.id as desk_id, u.display_name as operator_name,
			case when d.state = 'paused' then (
				select e.at from events e where e.office_id = d.office_id and e.desk_id = d.id and e.type = 'desk.paused'
				order by e.seq desc limit 1) end as paused_since
		from desks d left join staff_users u on u.id = d.staff_id
		where d.office_id = ${officeId}`,
		// The wait of a called ticket: its (last) call − arrival, or − the later booked slot (docs/reports.md).
		sql<{ issued: number; served: number; noShow: number; waitSumSec: number; waitCount: number }[]>`
		select count(*)::int as issued,
			count(*) filter (where state = 'done')::int as served,
			count(*) filter (where state = 'no_show')::int as no_show,
			coalesce(sum(greatest(0, extract(epoch from called_at - greatest(arrived_at, coalesce(appointment_at, arrived_at))))) filter (where called_at is not null), 0)::int as wait_sum_sec,
			count(*) filter (where called_at is not null)::int as wait_count
		from tickets where office_id = ${officeId} and service_day = ${office.day}::date`,
		sql<{ id: number; kind: 'kiosk' | 'display'; name: string; lastSeenAt: Date | null }[]>`
		select id, kind, name, last_seen_at from devices where office_id = ${officeId} and revoked_at is null order by kind, name`,
		sql<{ alertKey: string }[]>`
		select alert_key from live_alert_acks where office_id = ${officeId} and acked_at > ${new Date(now.getTime() - ACK_MEMORY_MS)}`,
		readPresence(sql, officeId)
	]);
	return {
		officeId,
		desks: desks.map((d) => ({ deskId: d.deskId, pausedSince: d.pausedSince?.toISOString() ?? null, operatorName: d.operatorName })),
		today: today!,
		devices: devices.map((d) => deviceStatus(d, here.get(d.id), presence)),
		acknowledged: acks.map((a) => a.alertKey),
		serverTime: now.toISOString()
	};
}

/**
 * One device as the dashboard shows it: online and printer from every server process's presence
 * rows (`here`, ./presence-store.ts), the "since" times from this process's memory.
 */
function deviceStatus(
	d: { id: number; kind: 'kiosk' | 'display'; name: string; lastSeenAt: Date | null },
	here: DevicePresence | undefined,
	presence: Presence
): DeviceStatus {
	const online = here?.screen ?? false;
	const printer = d.kind === 'kiosk' ? (here?.printer ?? { state: 'no_agent' as const, at: null }) : null;
	return {
		deviceId: d.id,
		kind: d.kind,
		name: d.name,
		online,
		// Away since it left this process, else since it was last seen (a device never seen is not "offline").
		offlineSince: online ? null : (presence.leftAt(d.id) ?? d.lastSeenAt?.toISOString() ?? null),
		printer: printer?.state ?? null,
		printerSince: printer ? presence.printerSince(d.id, printer.state, printer.state === 'no_agent' ? null : printer.at) : null
	};
}

/** The devices of an office, for the `live:devices` push when one comes or goes. */
export async function officeDevices(sql: Sql, officeId: number, presence: Presence = livePresence): Promise<DeviceStatus[]> {
	const [rows, here] = await Promise.all([
		sql<{ id: number; kind: 'kiosk' | 'display'; name: string; lastSeenAt: Date | null }[]>`
			select id, kind, name, last_seen_at from devices where office_id = ${officeId} and revoked_at is null order by kind, name`,
		readPresence(sql, officeId)
	]);
	return rows.map((d) => deviceStatus(d, here.get(d.id), presence));
}

/**
 * Someone saw the alert: it is not shown again on any dashboard of the office. Acknowledgements
 * older than two days are dropped here too (their keys carry times and never recur), so the
 * table stays the size of two days of alerts without a job of its own.
 */
export async function acknowledgeAlert(
	sql: Sql,
	staff: StaffPrincipal,
	officeId: number,
	key: string,
	now: Date = new Date()
): Promise<{ key: string }> {
	await sql`
		insert into live_alert_acks (office_id, alert_key, staff_id, acked_at) values (${officeId}, ${key}, ${staff.staffId}, ${now})
		on conflict (office_id, alert_key) do nothing`;
	await sql`delete from live_alert_acks where office_id = ${officeId} and acked_at < ${new Date(now.getTime() - ACK_MEMORY_MS)}`;
	return { key };
}

/**
 * The office a dashboard opens on: `?office=<slug|id>` when the caller may watch it (403 when
 * not theirs, 404 when there is none), else the first office the caller administers.
 */
export async function liveOffice(
	sql: Sql,
	staff: StaffPrincipal,
	key: string | null
): Promise<{ office: AdminOffice | null; offices: AdminOffice[] }> {
	const scope = adminScope(staff);
	const offices = await officesInScope(sql, scope);
	if (key) return { office: await officeInScope(sql, scope, key), offices };
	return { office: offices.find((o) => !o.archived) ?? offices[0] ?? null, offices };
}
