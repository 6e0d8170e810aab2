/** A visitor's rating as pages see it (no server imports). */
export interface RatingView {
	score: number;
	comment: string | null;
	via: 'page' | 'pad';
	createdAt: string;
}

/** What the ticket page shows about rating its visit. */
export type RatingState =
	| { kind: 'not_yet' } // not finished: nothing to rate
	| { kind: 'open'; closesAt: string }
	| { kind: 'given'; rating: RatingView }
	| { kind: 'closed' };

/** How long after the finish a visit can be rated. */
export const RATING_WINDOW_MS = 24 * 60 * 60 * 1000;
