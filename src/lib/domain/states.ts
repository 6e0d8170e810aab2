/**
 * Names of states and categories, one source for the code and the SQL `check` constraints
 * in migrations/0001_core.sql (keep both in step).
 *
 * Glossary:
 * - талон (ticket): a numbered place in the queue, shown as a prefix letter and three digits (`А042`);
 * - окно (desk): a service window where an operator receives visitors;
 * - запись (booking): a visit booked online for a slot; checked in at the kiosk it becomes a ticket;
 * - офис / МФЦ (office): a branch with its own queue, time zone and desks.
 */

/**
 * Ticket life cycle: waiting -> called -> serving -> done; called -> no_show; called|serving -> waiting;
 * waiting -> cancelled; waiting|called -> expired (closed by the nightly job when the office's day
 * ended, so yesterday never leaks into today; see docs/reports.md).
 */
export const TicketState = {
	waiting: 'waiting',
	called: 'called',
	serving: 'serving',
	done: 'done',
	noShow: 'no_show',
	cancelled: 'cancelled',
	expired: 'expired'
} as const;
export type TicketState = (typeof TicketState)[keyof typeof TicketState];

/** States after which a ticket leaves the live queue for good. */
export const finalTicketStates: readonly TicketState[] = ['done', 'no_show', 'cancelled', 'expired'];

export const TicketSource = {
	kiosk: 'kiosk',
	booking: 'booking',
	desk: 'desk',
	phone: 'phone',
	api: 'api',
	/** Taken from a phone at /q/<office> (issue 13); called once checked in at the kiosk. */
	remote: 'remote'
} as const;
export type TicketSource = (typeof TicketSource)[keyof typeof TicketSource];

/** Why a visitor is served out of turn; `null` for everyone else. */
export const PriorityReason = {
	disabled: 'disabled',
	veteran: 'veteran',
	pregnant: 'pregnant',
	infant: 'infant'
} as const;
export type PriorityReason = (typeof PriorityReason)[keyof typeof PriorityReason];

/** Ticket category: an appointment (checked-in booking), a priority visitor, or ordinary. */
export const TicketCategory = {
	ordinary: 'ordinary',
	appointment: 'appointment',
	priority: 'priority'
} as const;
export type TicketCategory = (typeof TicketCategory)[keyof typeof TicketCategory];

export const DeskState = {
	closed: 'closed',
	open: 'open',
	paused: 'paused'
} as const;
export type DeskState = (typeof DeskState)[keyof typeof DeskState];

export const StaffRole = {
	admin: 'admin',
	supervisor: 'supervisor',
	operator: 'operator'
} as const;
export type StaffRole = (typeof StaffRole)[keyof typeof StaffRole];

export const DeviceKind = {
	kiosk: 'kiosk',
	display: 'display'
} as const;
export type DeviceKind = (typeof DeviceKind)[keyof typeof DeviceKind];

export function isOneOf<T extends string>(values: Record<string, T>, value: unknown): value is T {
	return typeof value === 'string' && (Object.values(values) as string[]).includes(value);
}
