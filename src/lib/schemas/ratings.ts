import { z } from 'zod';
import { id } from './common';

/** Shapes of a visitor's rating (issue 12): the API, the ticket page's form and the desk's rating pad. */

export const ratingScore = z.int().min(1).max(5).describe('1 (very bad) … 5 (excellent)');
export const ratingComment = z.string().trim().max(1000).describe('Optional; no more than 1,000 characters');

export const ratingBody = z.object({ score: ratingScore, comment: ratingComment.optional() });

export const rating = z
	.object({
		score: ratingScore,
		comment: z.string().nullable(),
		via: z.enum(['page', 'pad']).describe('The ticket page (`/t/<code>`) or the rating pad at the desk'),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'Rating', description: 'A visitor’s rating of one finished visit; never edited.' });

/** The rating pad (`rating:pad`): the ticket just finished at the pad's desk. */
export const padRatingRequest = z.object({ deskId: id, ticketId: id, score: ratingScore });
