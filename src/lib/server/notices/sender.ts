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
	batch?: number;
	/** Sends in flight at once. */
	concurrency?: number;
	/** A `sending` row older than this was left by a dead process. */
	leaseMs?: number;
	/** Names this process in `claimed_by` (a host and pid). */
	node?: string;
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
	const batch = opts.batch ?? 100;
	const concurrency = opts.concurrency ?? 20;
	const leaseMs = opts.leaseMs ?? 5 * 60_000;
	const node = opts.node ?? `pid-${process.pid}`;
	const pollMs = opts.pollMs ?? 1000;

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

	async function deliver(n: Claimed): Promise<void> {
		const channel = opts.channels[n.channel];
		let outcome: { ok: true; providerId: string | null } | { ok: false; reason: string; permanent: boolean };
		if (!channel) outcome = { ok: false, reason: `channel ${n.channel} is not configured`, permanent: true };
		else if (n.recipient === null || n.body === null) outcome = { ok: false, reason: 'recipient erased', permanent: true };
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
				outcome = { ok: true, providerId: accepted.providerId ?? null };
			} catch (e) {
				outcome = { ok: false, reason: String((e as Error)?.message ?? e).slice(0, 500), permanent: e instanceof PermanentFailure };
			}
		}
		const at = now();
		const who = { notice: n.id, kind: n.kind, channel: n.channel, to: maskRecipient(n.channel, n.recipient) };
		if (outcome.ok) {
			await sql`
				update notifications set state = 'sent', sent_at = ${at}, provider_id = ${outcome.providerId}, last_error = null,
					body = case when secret then null else body end
				where id = ${n.id} and state = 'sending'`;
			return;
		}
		const wait = backoff[n.attempts - 1];
		if (outcome.permanent || wait === undefined) {
			await sql`
				update notifications set state = 'failed', failed_at = ${at}, last_error = ${outcome.reason}
				where id = ${n.id} and state = 'sending'`;
			log.warn({ ...who, attempts: n.attempts, reason: outcome.reason }, 'notice failed');
		} else {
			await sql`
				update notifications set state = 'pending', due_at = ${new Date(at.getTime() + wait)}, last_error = ${outcome.reason}
				where id = ${n.id} and state = 'sending'`;
			log.info({ ...who, attempt: n.attempts, retryInSec: Math.round(wait / 1000), reason: outcome.reason }, 'notice will be retried');
		}
	}

	async function tick(): Promise<number> {
		const at = now();
		await recoverInterrupted(at);
		const claimed = await claim(at);
		let next = 0;
		const worker = async () => {
			while (next < claimed.length) await deliver(claimed[next++]!);
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
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
