import type { Sql } from '$lib/server/db/connect';
import { log } from '$lib/server/log';
import type { NoticeBody } from '$lib/i18n/notices';
import { PermanentFailure, type Channel, type Outgoing } from './channels/channel';
import { maskRecipient } from './mask';
import type { ChannelName, NoticeKind } from './outbox';

/**
 * Delivers the outbox. Every `pollMs` (or at once after `kick()`) it claims a batch of due
 * notices in one statement (`for update skip locked`, so two server processes on one PostgreSQL
 * never take the same row, and on the embedded database's single connection it is just one more
 * statement, no LISTEN), then for each: send, and mark the outcome in its own statement.
 *
 * At most once per row, including across crashes:
 *  - a notice is `pending` from its cause's commit; killed before the claim, nothing was sent,
 *    and the next process claims it (nothing lost);
 *  - the claim (`sending`) commits BEFORE the provider is called, so a restarted process never
 *    picks that row up again as pending;
 *  - a row left `sending` by a process that died (its claim older than `leaseMs`, far longer than
 *    any send may take) cannot say whether the provider got it. It becomes `failed` with the
 *    reason `interrupted`, visible to supervisors, and is not sent again.
 * The one window that is left: a process killed after the claim committed and before the mark
 * committed (the duration of one provider call, ≤ `sendTimeoutMs`) turns that notice into an
 * `interrupted` failure — possibly delivered, never delivered twice.
 *
 * Failures are retried after `backoffMs` (1, 5 and 30 minutes: four attempts in about 36
 * minutes), then the notice is `failed` with the last reason.
 */
export interface SenderOptions {
	sql: Sql;
	channels: Partial<Record<ChannelName, Channel>>;
	/** The clock; tests move it. */
	now?: () => Date;
	/** Waits after failed attempts 1, 2, 3…; after the last, `failed`. */
	backoffMs?: readonly number[];
	pollMs?: number;
	/** Notices claimed and sent at once per round (all in flight together). Default 32. */
	batch?: number;
	/** A `sending` row older than this was left by a dead process. */
	leaseMs?: number;
	/** Names this process in `claimed_by` (a host and pid). */
	node?: string;
	/**
	 * Notices per second this process sends at most (0: no limit). Rounds are spread evenly in
	 * time rather than fired back to back: a burst of sends and their answers would otherwise sit
	 * in front of the queue commands on the same event loop (bench/outbox.bench.ts).
	 */
	ratePerSecond?: number;
}

export const DEFAULT_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000] as const;

export interface Sender {
	/** One round: recover stale claims, claim a batch, send it. Returns how many were claimed. */
	tick(): Promise<number>;
	/** Rounds until nothing is due (tests, the bench). */
	drain(): Promise<number>;
	start(): void;
	/** Wakes the loop now (a command just wrote notices). */
	kick(): void;
	stop(): Promise<void>;
}

interface Claimed {
	id: number;
	kind: NoticeKind;
	channel: ChannelName;
	recipient: string | null;
	locale: string;
	body: NoticeBody | null;
	attempts: number;
}

export function createSender(opts: SenderOptions): Sender {
	const { sql } = opts;
	const now = opts.now ?? (() => new Date());
	const backoff = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
	const batch = opts.batch ?? 32;
	const leaseMs = opts.leaseMs ?? 5 * 60_000;
	const node = opts.node ?? `pid-${process.pid}`;
	const pollMs = opts.pollMs ?? 1000;
	const rate = opts.ratePerSecond ?? 0;

	async function recoverInterrupted(at: Date): Promise<void> {
		const rows = await sql`
			update notifications set state = 'failed', failed_at = ${at}, claimed_at = null,
				last_error = 'interrupted: the process stopped while sending; not sent again so that it is never sent twice'
			where state = 'sending' and claimed_at < ${new Date(at.getTime() - leaseMs)}
			returning id`;
		if (rows.length) log.warn({ notices: rows.length }, 'notices interrupted while sending marked failed');
	}

	async function claim(at: Date): Promise<Claimed[]> {
		return sql<Claimed[]>`
			update notifications set state = 'sending', claimed_at = ${at}, claimed_by = ${node}, attempts = attempts + 1
			where id in (
				select id from notifications where state = 'pending' and due_at <= ${at}
				order by due_at, id limit ${batch} for update skip locked)
			returning id, kind, channel, recipient, locale, body, attempts`;
	}

	type Outcome = { id: number; ok: true; providerId: string | null } | { id: number; ok: false; reason: string; retryAt: Date | null };

	async function attempt(n: Claimed): Promise<Outcome> {
		const channel = opts.channels[n.channel];
		let failure: { reason: string; permanent: boolean };
		if (!channel) failure = { reason: `channel ${n.channel} is not configured`, permanent: true };
		else if (n.recipient === null || n.body === null) failure = { reason: 'recipient erased', permanent: true };
		else {
			const out: Outgoing = {
				id: n.id,
				kind: n.kind,
				channel: n.channel,
				recipient: n.recipient,
				locale: n.locale,
				body: n.body,
				attempt: n.attempts
			};
			try {
				const accepted = await channel.send(out);
				return { id: n.id, ok: true, providerId: accepted.providerId ?? null };
			} catch (e) {
				failure = { reason: String((e as Error)?.message ?? e).slice(0, 500), permanent: e instanceof PermanentFailure };
			}
		}
		const wait = failure.permanent ? undefined : backoff[n.attempts - 1];
		const retryAt = wait === undefined ? null : new Date(now().getTime() + wait);
		const who = { notice: n.id, kind: n.kind, channel: n.channel, to: maskRecipient(n.channel, n.recipient), attempt: n.attempts };
		if (retryAt) log.info({ ...who, retryInSec: Math.round(wait! / 1000), reason: failure.reason }, 'notice will be retried');
		else log.warn({ ...who, reason: failure.reason }, 'notice failed');
		return { id: n.id, ok: false, reason: failure.reason, retryAt };
	}

	/**
	 * Marks a round's outcomes in at most three statements (one per outcome kind): per-notice
	 * marks made the database the bottleneck at a few hundred notices a second. Only rows still
	 * `sending` are marked, so a row another process already settled as interrupted stays so.
	 */
	async function mark(outcomes: Outcome[]): Promise<void> {
		const at = now();
		const sent = outcomes.filter((o) => o.ok);
		const retry = outcomes.filter((o) => !o.ok && o.retryAt) as Extract<Outcome, { ok: false }>[];
		const failed = outcomes.filter((o) => !o.ok && !o.retryAt) as Extract<Outcome, { ok: false }>[];
		if (sent.length) {
			await sql`
				update notifications n set state = 'sent', sent_at = ${at}, provider_id = v.provider_id, last_error = null,
					body = case when n.secret then null else n.body end
				from (select unnest(${sent.map((o) => o.id)}::bigint[]) as id,
					unnest(${sent.map((o) => o.providerId)}::text[]) as provider_id) v
				where n.id = v.id and n.state = 'sending'`;
		}
		if (retry.length) {
			await sql`
				update notifications n set state = 'pending', due_at = v.due_at, last_error = v.reason
				from (select unnest(${retry.map((o) => o.id)}::bigint[]) as id,
					unnest(${retry.map((o) => o.retryAt!.toISOString())}::timestamptz[]) as due_at,
					unnest(${retry.map((o) => o.reason)}::text[]) as reason) v
				where n.id = v.id and n.state = 'sending'`;
		}
		if (failed.length) {
			await sql`
				update notifications n set state = 'failed', failed_at = ${at}, last_error = v.reason
				from (select unnest(${failed.map((o) => o.id)}::bigint[]) as id, unnest(${failed.map((o) => o.reason)}::text[]) as reason) v
				where n.id = v.id and n.state = 'sending'`;
		}
	}

	// Claims left by a dead process are looked for every few seconds, not every round: at
	// hundreds of notices a second that statement was one of every four the sender ran.
	const recoverEveryMs = Math.min(5000, leaseMs / 10);
	let recoveredAt = -Infinity;

	async function tick(): Promise<number> {
		const began = performance.now();
		const at = now();
		if (at.getTime() - recoveredAt >= recoverEveryMs || at.getTime() < recoveredAt) {
			recoveredAt = at.getTime();
			await recoverInterrupted(at);
		}
		// A round claims only what it sends at once: a crash mid-round interrupts only notices in flight.
		const claimed = await claim(at);
		await mark(await Promise.all(claimed.map(attempt)));
		if (rate > 0 && claimed.length) {
			const wait = began + (claimed.length * 1000) / rate - performance.now();
			if (wait > 0) await new Promise((r) => setTimeout(r, wait));
		}
		return claimed.length;
	}

	let running = false;
	let loop: Promise<void> | null = null;
	let wake: (() => void) | null = null;
	let kicked = false;

	async function run() {
		while (running) {
			let claimed = 0;
			try {
				claimed = await tick();
			} catch (e) {
				log.error({ err: e }, 'notice sender round failed');
			}
			if (!running) break;
			if (claimed >= batch || kicked) {
				kicked = false;
				continue;
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, pollMs);
				wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
			wake = null;
		}
	}

	return {
		tick,
		async drain() {
			let total = 0;
			for (let n = await tick(); n > 0; n = await tick()) total += n;
			return total;
		},
		start() {
			if (running) return;
			running = true;
			loop = run();
		},
		kick() {
			kicked = true;
			wake?.();
		},
		async stop() {
			running = false;
			wake?.();
			await loop;
			for (const c of Object.values(opts.channels)) await c?.close?.();
		}
	};
}
