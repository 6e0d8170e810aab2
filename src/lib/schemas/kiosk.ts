import { z } from 'zod';
import { locales } from '$lib/i18n/locale';
import type { PrinterState } from '$lib/kiosk/types';
import { id, idempotencyKey, priorityReason, publicCode } from './common';

/** Input shapes of the kiosk's socket commands (its screen and its print agent), validated at the edge. */
const lang = z.enum(locales).optional();
/** A query that takes nothing: `{}` (or no argument at all). */
export const emptyRequest = z.object({}).strict().optional();

export const kioskIssueRequest = z.object({
	officeId: id,
	serviceId: id,
	priorityReason: priorityReason.nullish(),
	/** One per visitor's tap session: a double tap yields one ticket. */
	idempotencyKey,
	/** The language the visitor chose: the paper ticket prints in it. */
	lang
});
export const kioskReprintRequest = z.object({ publicCode, lang });
export const printAckRequest = z.object({
	/** The installation the jobs came from (their `PrintJob.installationId`). */
	installationId: z.uuid(),
	jobIds: z.array(id).min(1).max(100)
});
/** What the agent reads from the printer (`no_agent` is the server's own word). */
const agentReadings = ['online', 'paper_out', 'cover_open', 'offline'] as const satisfies readonly Exclude<PrinterState, 'no_agent'>[];
export const printerStatusRequest = z.object({ state: z.enum(agentReadings) });
