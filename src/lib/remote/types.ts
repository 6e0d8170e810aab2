/**
 * What the visitor's phone shows to check a remote ticket in at the kiosk (issue 13): the card of
 * /q/<office> after joining and of /t/<code> until the check-in (./CheckInCode.svelte).
 */
export interface CheckInCard {
	/** The check-in code (6 characters of the booking-code alphabet), typed on the kiosk's keypad. */
	code: string;
	/** The same code as a QR, an SVG drawn on the server: the kiosk's scanner types it, as a booking's. */
	qr: string;
	/** The office calls remote tickets before arrival: the card says so instead of "not called until". */
	callsUnarrived: boolean;
}
