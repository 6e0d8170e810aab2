import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './events';
import { EventType, type OfficeSnapshot, type QueueEvent } from './types';
import { applyEvent } from './apply';
import { send } from './send';

export type TalonSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Socket.IO client options every page and agent uses: reconnect forever, with backoff to 10 s. */
export const socketOptions = {
	reconnection: true,
	reconnectionAttempts: Infinity,
	reconnectionDelay: 500,
	reconnectionDelayMax: 10_000,
	randomizationFactor: 0.5,
	transports: ['websocket', 'polling'] as ('websocket' | 'polling')[]
};

export type FeedStatus = 'connecting' | 'live' | 'offline';

/** How long to wait for the snapshot before asking again. */
export const SNAPSHOT_TIMEOUT_MS = 10_000;

export interface OfficeFeedOptions {
	officeId: number;
	/** Called with the new state after the snapshot and after every applied event. */
	onState: (state: OfficeSnapshot, cause: { kind: 'snapshot' } | { kind: 'event'; event: QueueEvent }) => void;
	onStatus?: (status: FeedStatus) => void;
	onError?: (message: string) => void;
	/** Default SNAPSHOT_TIMEOUT_MS. */
	snapshotTimeoutMs?: number;
}

export interface OfficeFeed {
	readonly state: OfficeSnapshot | null;
	/** Forces a fresh snapshot (e.g. after the local day changed). */
	resync(): void;
	stop(): void;
}

/**
 * Keeps one office's state in step with the server: snapshot on (re)connect, then events in
 * `seq` order. Events older than the state are dropped (duplicates after a reconnect); a jump
 * in `seq` means events were missed, so it fetches a fresh snapshot. Events arriving while a
 * snapshot is in flight are held and applied on top of it.
 */
export function createOfficeFeed(socket: TalonSocket, opts: OfficeFeedOptions): OfficeFeed {
	let state: OfficeSnapshot | null = null;
	let loading = false;
	let pending: QueueEvent[] = [];
	let stopped = false;
	const timeoutMs = opts.snapshotTimeoutMs ?? SNAPSHOT_TIMEOUT_MS;

	const status = (s: FeedStatus) => opts.onStatus?.(s);

	function applyPending() {
		if (!state) return;
		pending.sort((a, b) => a.seq - b.seq);
		for (const e of pending) {
			if (e.seq <= state.seq) continue;
			if (e.seq !== state.seq + 1) {
				pending = [];
				return void resync();
			}
			state = applyEvent(state, e);
			opts.onState(state, { kind: 'event', event: e });
			// The catalogue or the desks changed; an event without the new catalogue is answered by a fresh snapshot.
			if (e.type === EventType.configChanged && !e.data['catalogue']) reread = true;
		}
		pending = [];
		if (reread) {
			reread = false;
			void resync();
		}
	}
	let reread = false;

	let retryTimer: ReturnType<typeof setTimeout> | null = null;
	/** A request that got no answer (server overloaded, connection half-dead) is retried, never waited on forever. */
	function failed(message: string | null) {
		loading = false;
		if (message) opts.onError?.(message);
		if (retryTimer || stopped) return;
		retryTimer = setTimeout(
			() => {
				retryTimer = null;
				void resync();
			},
			1000 + Math.random() * 2000
		);
	}

	async function resync() {
		if (stopped || loading || !socket.connected) return;
		loading = true;
		// No answer in time is `unavailable` with no message: retried quietly.
		const joined = await send(socket, 'office:join', { officeId: opts.officeId }, timeoutMs);
		if (joined.error) return failed(joined.error.message || null);
		const ack = await send(socket, 'office:snapshot', { officeId: opts.officeId }, timeoutMs);
		if (ack.error) return failed(ack.error.message || null);
		loading = false;
		if (!state || ack.data.seq >= state.seq || ack.data.day !== state.day) {
			state = ack.data;
			opts.onState(state, { kind: 'snapshot' });
		}
		status('live');
		applyPending();
	}

	const onEvent = (e: QueueEvent) => {
		if (e.officeId !== opts.officeId) return;
		pending.push(e);
		if (!loading) applyPending();
	};
	const onConnect = () => void resync();
	const onDisconnect = () => status('offline');
	// ops: the server's database out of reach is offline for the screen too; when it is back,
	// a fresh snapshot. A connection refused for that reason is tried again (Socket.IO does not
	// retry a connection its server refused).
	const onDatabase = ({ up }: { up: boolean }) => (up ? void resync() : status('offline'));
	let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
	const onConnectError = (err: Error & { data?: { code?: string } }) => {
		if (err.data?.code !== 'database_unavailable' || stopped || reconnectTimer) return;
		status('offline');
		reconnectTimer = setTimeout(() => {
			reconnectTimer = null;
			if (!stopped && !socket.connected) socket.connect();
		}, 1000);
	};

	socket.on('queue:event', onEvent);
	socket.on('connect', onConnect);
	socket.on('disconnect', onDisconnect);
	socket.on('server:database', onDatabase);
	socket.on('connect_error', onConnectError);
	status(socket.connected ? 'live' : 'connecting');
	if (socket.connected) void resync();

	return {
		get state() {
			return state;
		},
		resync,
		stop() {
			stopped = true;
			if (retryTimer) clearTimeout(retryTimer);
			socket.off('queue:event', onEvent);
			socket.off('connect', onConnect);
			socket.off('disconnect', onDisconnect);
			socket.off('server:database', onDatabase);
			socket.off('connect_error', onConnectError);
			if (reconnectTimer) clearTimeout(reconnectTimer);
		}
	};
}
