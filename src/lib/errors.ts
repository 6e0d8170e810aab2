/**
 * Typed errors with stable codes. The engine and the server modules throw them; every edge
 * (form action, API endpoint, socket handler, CLI) turns them into a status and a message in
 * the user's language (see `$lib/i18n`). A database error is never shown to anyone.
 */
export const ErrorCode = {
	invalidInput: 'invalid_input',
	unauthorized: 'unauthorized',
	forbidden: 'forbidden',
	notFound: 'not_found',
	officeNotFound: 'office_not_found',
	serviceNotFound: 'service_not_found',
	serviceInactive: 'service_inactive',
	deskNotFound: 'desk_not_found',
	ticketNotFound: 'ticket_not_found',
	ticketStateConflict: 'ticket_state_conflict',
	ticketNotAtDesk: 'ticket_not_at_desk',
	deskPaused: 'desk_paused',
	deskClosed: 'desk_closed',
	deskBusy: 'desk_busy',
	deskStateConflict: 'desk_state_conflict',
	wrongOffice: 'wrong_office',
	serviceNotAtDesk: 'service_not_at_desk',
	idempotencyConflict: 'idempotency_conflict',
	rateLimited: 'rate_limited',
	invalidCredentials: 'invalid_credentials',
	loginThrottled: 'login_throttled',
	deskTaken: 'desk_taken',
	bookingNotFound: 'booking_not_found',
	bookingTooEarly: 'booking_too_early',
	bookingTooLate: 'booking_too_late',
	bookingNotActive: 'booking_not_active',
	bookingClosed: 'booking_closed',
	slotUnavailable: 'slot_unavailable',
	slotTaken: 'slot_taken',
	bookingLimit: 'booking_limit',
	/** Every number 001..999 of a prefix is live today (waiting, called, serving): none to give. */
	numbersExhausted: 'numbers_exhausted',
	// Administration (issue 11, admin): offices, staff, devices, board messages.
	officeSlugTaken: 'office_slug_taken',
	loginTaken: 'login_taken',
	staffNotFound: 'staff_not_found',
	deviceNotFound: 'device_not_found',
	boardMessageNotFound: 'board_message_not_found',
	notOnYourself: 'not_on_yourself',
	// Catalogue and desks (issue 11, catalogue area).
	categoryNotFound: 'category_not_found',
	/** Another non-archived service of the office has this prefix. */
	prefixTaken: 'prefix_taken',
	/** The chosen category (or parent category) is archived. */
	categoryArchived: 'category_archived',
	/** The category still holds services or sub-categories in use. */
	categoryNotEmpty: 'category_not_empty',
	/** A visitor is waiting for (or being served in) this service right now. */
	serviceHasLiveTickets: 'service_has_live_tickets',
	/** Another desk of the office has this number. */
	deskNumberTaken: 'desk_number_taken',
	/** The desk is open or paused with an operator at it. */
	deskInUse: 'desk_in_use',
	// finish11 (issue 11): the engine's own checks of the catalogue's flags.
	/** The service does not take priority visitors (its `priority_allowed` is off). */
	priorityNotAllowed: 'priority_not_allowed',
	/** The desk is switched off in the administration: it cannot be opened. */
	deskInactive: 'desk_inactive',
	// Visitors' ratings (issue 12, live): before the finish, after the 24 h window, a second time.
	ticketNotFinished: 'ticket_not_finished',
	ratingClosed: 'rating_closed',
	alreadyRated: 'already_rated',
	// notices (issue 13)
	/** A ticket already has an alert on that channel (delete it to change it). */
	alertExists: 'alert_exists',
	// remote joining (issue 13, remote13)
	/** The SMS code is wrong, expired or out of tries (ask for a new one). */
	codeInvalid: 'code_invalid',
	/** The service cannot be joined from a phone at this office. */
	remoteNotAllowed: 'remote_not_allowed',
	/** This phone already holds an active remote ticket at this office. */
	remoteTicketExists: 'remote_ticket_exists',
	unavailable: 'unavailable',
	/** Waited too long for a database turn; nothing was written, retry (HTTP 503 with Retry-After). */
	busy: 'busy',
	/** ops: the database cannot be reached (network, restart); nothing was written, retry (HTTP 503). */
	databaseUnavailable: 'database_unavailable',
	internal: 'internal'
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const statusOf: Record<ErrorCode, number> = {
	invalid_input: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	office_not_found: 404,
	service_not_found: 404,
	service_inactive: 409,
	desk_not_found: 404,
	ticket_not_found: 404,
	ticket_state_conflict: 409,
	ticket_not_at_desk: 409,
	desk_paused: 409,
	desk_closed: 409,
	desk_busy: 409,
	desk_state_conflict: 409,
	wrong_office: 403,
	service_not_at_desk: 409,
	idempotency_conflict: 409,
	rate_limited: 429,
	invalid_credentials: 401,
	login_throttled: 429,
	desk_taken: 409,
	booking_not_found: 404,
	booking_too_early: 409,
	booking_too_late: 409,
	booking_not_active: 409,
	booking_closed: 409,
	slot_unavailable: 409,
	slot_taken: 409,
	booking_limit: 409,
	numbers_exhausted: 409,
	// Administration (issue 11, admin)
	office_slug_taken: 409,
	login_taken: 409,
	staff_not_found: 404,
	device_not_found: 404,
	board_message_not_found: 404,
	not_on_yourself: 409,
	// Catalogue and desks (issue 11).
	category_not_found: 404,
	prefix_taken: 409,
	category_archived: 409,
	category_not_empty: 409,
	service_has_live_tickets: 409,
	desk_number_taken: 409,
	desk_in_use: 409,
	// finish11 (issue 11)
	priority_not_allowed: 409,
	desk_inactive: 409,
	// Visitors' ratings (issue 12, live).
	ticket_not_finished: 400,
	rating_closed: 400,
	already_rated: 409,
	alert_exists: 409,
	// remote joining (issue 13, remote13)
	code_invalid: 400,
	remote_not_allowed: 400,
	remote_ticket_exists: 409,
	unavailable: 503,
	busy: 503,
	database_unavailable: 503,
	internal: 500
};

export class TalonError extends Error {
	readonly status: number;
	constructor(
		readonly code: ErrorCode,
		/** Facts for the message (`{ state: 'waiting' }`), never personal data. */
		readonly params: Record<string, string | number> = {},
		detail?: string
	) {
		super(detail ?? code);
		this.name = 'TalonError';
		this.status = statusOf[code];
	}
}

export interface ErrorBody {
	code: ErrorCode;
	message: string;
	/** Which input fields were wrong, for `invalid_input`. */
	fields?: Record<string, string>;
	/** Facts a program may act on (`opensAt`, `seconds`): `$lib/schemas/errors` says which. */
	params?: { opensAt?: string; seconds?: number };
}

export function isTalonError(e: unknown): e is TalonError {
	return e instanceof TalonError;
}
