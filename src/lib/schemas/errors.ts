import { z } from 'zod';
import { ErrorCode } from '$lib/errors';

/**
 * The refusal every edge sends: `{ "error": { code, message, fields?, params? } }` over HTTP, the
 * same body as a socket acknowledgement's `error`. One schema for the code that builds it
 * (`server/edge/errors.ts`) and the OpenAPI document.
 */

/**
 * Facts of a refusal that a program may act on; the message already says them for people. Only
 * these names leave the server: the other params of a `TalonError` only shape its message and
 * may name a person (`desk_taken` names the operator).
 */
export const errorParams = z
	.object({
		opensAt: z.iso.datetime().optional().describe('`booking_too_early`: when check-in for the booking opens'),
		seconds: z.int().positive().optional().describe('`rate_limited` and 503 refusals: when to retry; the same as the `Retry-After` header')
	})
	.meta({ id: 'ErrorParams' });

export const publicErrorParams = Object.keys(errorParams.shape) as (keyof typeof errorParams.shape)[];

export const errorBody = z
	.object({
		code: z.enum(ErrorCode).describe('Stable: programs branch on it'),
		message: z.string().describe('For people, in the language of `Accept-Language` (Russian by default, English)'),
		fields: z.record(z.string(), z.string()).optional().describe('`invalid_input`: what was wrong with which input, by its path'),
		params: errorParams.optional()
	})
	.meta({ id: 'ErrorBody' });

export const errorResponse = z
	.object({ error: errorBody })
	.meta({ id: 'Error', description: 'A refusal: the status and `error.code` say why.' });
