import type { Server } from 'socket.io';
import type { PublishedEvent } from '$lib/server/queue';
import { rooms } from '$lib/realtime/rooms';
import type { QueueEvent } from '$lib/realtime/types';

/**
 * Sends committed events to the rooms in `seq` order. Two commands of one office commit in
 * `seq` order, but their post-commit code may resume in the other order; holding a later event
 * for a moment until the earlier one is sent spares every client a needless resync (with 500
 * boards on a saturated 2-core machine a 250 ms wait was too short: post-commit code lagged more,
 * and every board resynced at once). With several server processes (`onGap`, wired by
 * ./cluster.ts) a gap is filled at once from the event log: an event of seq n is published only
 * after its commit, and n−1 committed before it (the office row lock), so the log has it. A gap
 * that stays is released after `GAP_WAIT_MS`, and clients resync on it as they would after any
 * missed event.
 */
export const GAP_WAIT_MS = 1000;

export interface Publisher {
	publish(events: PublishedEvent[]): void;
	/** Sequence number the publisher last sent for an office (after start: from the database). */
	prime(officeId: number, lastSeq: number): void;
	/** The last seq sent for an office (undefined: none seen yet since start). */
	lastSent(officeId: number): number | undefined;
}

export interface PublisherOptions {
	/** Called when an office's events arrive with a gap before them (the missing ones are in the log). */
	onGap?: (officeId: number) => void;
}

export function createPublisher(send: (e: PublishedEvent) => void, options: PublisherOptions = {}): Publisher {
	const last = new Map<number, number>();
	const held = new Map<number, Map<number, PublishedEvent>>();
	const timers = new Map<number, ReturnType<typeof setTimeout>>();

	function flush(officeId: number, force: boolean) {
		const queue = held.get(officeId);
		if (!queue) return;
		let next = (last.get(officeId) ?? 0) + 1;
		while (queue.size > 0) {
			let e = queue.get(next);
			if (!e) {
				if (!force) break;
				const smallest = Math.min(...queue.keys());
				e = queue.get(smallest)!;
				next = smallest;
			}
			queue.delete(next);
			last.set(officeId, next);
			send(e);
			next++;
		}
		// The wait runs from when the gap opened; later events must not push the release back.
		if (queue.size === 0) {
			clearTimeout(timers.get(officeId));
			timers.delete(officeId);
		} else if (!timers.has(officeId)) {
			options.onGap?.(officeId);
			timers.set(
				officeId,
				setTimeout(() => {
					timers.delete(officeId);
					flush(officeId, true);
				}, GAP_WAIT_MS)
			);
		}
	}

	return {
		publish(events) {
			for (const e of events) {
				if (!last.has(e.officeId)) last.set(e.officeId, e.seq - 1);
				if (e.seq <= last.get(e.officeId)!) continue;
				let queue = held.get(e.officeId);
				if (!queue) held.set(e.officeId, (queue = new Map()));
				queue.set(e.seq, e);
			}
			for (const officeId of new Set(events.map((e) => e.officeId))) flush(officeId, false);
		},
		prime(officeId, lastSeq) {
			last.set(officeId, lastSeq);
		},
		lastSent: (officeId) => last.get(officeId)
	};
}

/** The fan-out of one event: the office room, the desk's room, and the ticket's public room. */
export function socketSender(io: Server): (e: PublishedEvent) => void {
	return (published) => {
		const { publicCode, ...event } = published;
		const wire: QueueEvent = event;
		let target = io.to(rooms.office(event.officeId));
		if (event.desk) target = target.to(rooms.desk(event.desk.id));
		if (event.ticket?.deskId) target = target.to(rooms.desk(event.ticket.deskId));
		target.emit('queue:event', wire);
		if (publicCode && event.ticket) {
			io.to(rooms.ticket(publicCode)).emit('ticket:changed', {
				publicCode,
				type: event.type,
				state: event.ticket.state,
				deskNumber: event.desk && event.ticket.deskId === event.desk.id ? event.desk.number : null
			});
		}
	};
}
