import * as ratings from '$lib/schemas/ratings';
import type { RatingView } from '$lib/ratings/types';
import { returns, type CommandSpec } from './contract';

/**
 * The live dashboard's and the rating pad's part of the Socket.IO contract (issue 12, live;
 * docs/realtime.md).
 */
export const liveCommands = {
	/** Rating pad (a display of the office): the visitor's score for the ticket just finished at its desk. */
	'rating:pad': { input: ratings.padRatingRequest, scope: 'office', returns: returns<RatingView>() }
} as const satisfies Record<string, CommandSpec>;
