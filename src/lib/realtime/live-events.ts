import { z } from 'zod';
import { id, officeRequest } from '$lib/schemas/common';
import * as ratings from '$lib/schemas/ratings';
import type { RatingView } from '$lib/ratings/types';
import type { DeviceStatus, LiveExtras } from '$lib/admin/live';
import { returns, type CommandSpec } from './contract';

/**
 * The live dashboard's and the rating pad's part of the Socket.IO contract (issue 12, live;
 * docs/realtime.md). The dashboard follows the office with `createOfficeFeed` like any screen;
 * `live:join` adds what a supervisor sees beyond the snapshot and joins the office's live room,
 * where `live:devices` and `live:acked` arrive.
 */
export const liveCommands = {
	/** Rating pad (a display of the office): the visitor's score for the ticket just finished at its desk. */
	'rating:pad': { input: ratings.padRatingRequest, scope: 'office', returns: returns<RatingView>() },
	/** Supervisor of the office or admin: the dashboard's extras; joins the office's live room. */
	'live:join': { input: officeRequest, scope: 'office', returns: returns<LiveExtras>() },
	/** Supervisor of the office or admin: an alert seen; no dashboard of the office shows it again. */
	'live:ack': {
		input: z.object({ officeId: id, key: z.string().min(1).max(200) }),
		scope: 'office',
		returns: returns<{ key: string }>()
	}
} as const satisfies Record<string, CommandSpec>;

export interface LiveServerEvents {
	/** A kiosk or board of the office came or went, or a kiosk's printer changed state. */
	'live:devices': (update: { officeId: number; devices: DeviceStatus[] }) => void;
	/** Someone acknowledged an alert of the office. */
	'live:acked': (ack: { officeId: number; key: string }) => void;
}
