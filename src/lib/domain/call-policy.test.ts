import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHT, pickNext, rankCandidates, type CallCandidate, type DeskWeights } from './call-policy';

const now = new Date('2026-03-10T09:00:00Z');
const PASSPORT = 1;
const CONSULTATION = 2;
const UNKNOWN_SERVICE = 99;

/** passport is this desk's main job, consultation a side one (the example in call-policy.ts). */
const weights: DeskWeights = new Map([
	[PASSPORT, 10],
	[CONSULTATION, 2]
]);
const noWeights: DeskWeights = new Map();

const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const minutesAhead = (m: number) => new Date(now.getTime() + m * 60_000);

function ticket(id: number, over: Partial<CallCandidate> = {}): CallCandidate {
	return { id, serviceId: PASSPORT, category: 'ordinary', arrivedAt: minutesAgo(1), appointmentAt: null, ...over };
}

const ids = (list: readonly CallCandidate[], w: DeskWeights = weights, at: Date = now) =>
	rankCandidates(list, w, at).map((r) => r.candidate.id);

function permutations<T>(items: readonly T[]): T[][] {
	if (items.length <= 1) return [items.slice()];
	return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Small deterministic PRNG (mulberry32) so generated cases are the same on every run. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

describe('pickNext', () => {
	it('returns null when nobody is waiting', () => {
		expect(pickNext([], weights, now)).toBeNull();
		expect(rankCandidates([], weights, now)).toEqual([]);
	});

	it('returns the only candidate with its reason', () => {
		const only = ticket(7, { arrivedAt: minutesAgo(3) });
		const next = pickNext([only], weights, now);
		expect(next?.candidate).toBe(only);
		expect(next?.reason).toBe('weighted');
		expect(next?.score).toBe(3 * 60 * 10);
	});

	it('returns the same candidate that heads rankCandidates', () => {
		const list = [
			ticket(1, { arrivedAt: minutesAgo(5) }),
			ticket(2, { category: 'priority', arrivedAt: minutesAgo(1) }),
			ticket(3, { category: 'appointment', appointmentAt: minutesAgo(2), arrivedAt: minutesAgo(10) })
		];
		expect(pickNext(list, weights, now)?.candidate.id).toBe(rankCandidates(list, weights, now)[0]!.candidate.id);
		expect(pickNext(list, weights, now)?.candidate.id).toBe(3);
	});
});

describe('rankCandidates: appointments', () => {
	it('an appointment whose slot has started goes before everyone else, however long they waited', () => {
		const list = [
			ticket(1, { arrivedAt: minutesAgo(180) }),
			ticket(2, { category: 'priority', arrivedAt: minutesAgo(120) }),
			ticket(3, { targetedAtDesk: true, arrivedAt: minutesAgo(90) }),
			ticket(4, { category: 'appointment', appointmentAt: minutesAgo(1), arrivedAt: minutesAgo(2) })
		];
		const next = pickNext(list, weights, now);
		expect(next?.candidate.id).toBe(4);
		expect(next?.reason).toBe('appointment');
		expect(next?.score).toBe(0);
	});

	it('a slot starting exactly now counts as started', () => {
		const list = [
			ticket(1, { arrivedAt: minutesAgo(60) }),
			ticket(2, { category: 'appointment', appointmentAt: now, arrivedAt: minutesAgo(5) })
		];
		expect(pickNext(list, weights, now)?.reason).toBe('appointment');
		expect(pickNext(list, weights, now)?.candidate.id).toBe(2);
	});

	it('started appointments go earliest slot first, not by arrival', () => {
		const list = [
			ticket(1, { category: 'appointment', appointmentAt: minutesAgo(5), arrivedAt: minutesAgo(30) }),
			ticket(2, { category: 'appointment', appointmentAt: minutesAgo(20), arrivedAt: minutesAgo(1) }),
			ticket(3, { category: 'appointment', appointmentAt: minutesAgo(10), arrivedAt: minutesAgo(40) })
		];
		expect(ids(list)).toEqual([2, 3, 1]);
		expect(rankCandidates(list, weights, now).every((r) => r.reason === 'appointment')).toBe(true);
	});

	it('started appointments with the same slot go by arrival, then by id', () => {
		const slot = minutesAgo(10);
		const list = [
			ticket(5, { category: 'appointment', appointmentAt: slot, arrivedAt: minutesAgo(12) }),
			ticket(4, { category: 'appointment', appointmentAt: slot, arrivedAt: minutesAgo(12) }),
			ticket(6, { category: 'appointment', appointmentAt: slot, arrivedAt: minutesAgo(15) })
		];
		expect(ids(list)).toEqual([6, 4, 5]);
	});

	it('an appointment whose slot has not started yet is ranked as an ordinary visitor', () => {
		const early = ticket(1, { category: 'appointment', appointmentAt: minutesAhead(15), arrivedAt: minutesAgo(5) });
		const ranked = rankCandidates([early], weights, now);
		expect(ranked[0]!.reason).toBe('weighted');
		expect(ranked[0]!.score).toBe(5 * 60 * 10);
	});

	it('an early appointment does not jump an ordinary visitor who waited longer', () => {
		const list = [
			ticket(1, { category: 'appointment', appointmentAt: minutesAhead(1), arrivedAt: minutesAgo(5) }),
			ticket(2, { arrivedAt: minutesAgo(6) })
		];
		expect(ids(list)).toEqual([2, 1]);
	});

	it('an early appointment goes before an ordinary visitor who waited less', () => {
		const list = [
			ticket(1, { category: 'appointment', appointmentAt: minutesAhead(1), arrivedAt: minutesAgo(7) }),
			ticket(2, { arrivedAt: minutesAgo(6) })
		];
		expect(ids(list)).toEqual([1, 2]);
	});

	it('an early appointment comes after priority visitors', () => {
		const list = [
			ticket(1, { category: 'appointment', appointmentAt: minutesAhead(1), arrivedAt: minutesAgo(60) }),
			ticket(2, { category: 'priority', arrivedAt: minutesAgo(1) })
		];
		expect(ids(list)).toEqual([2, 1]);
	});

	it('the same appointment moves to the front once its slot starts', () => {
		const slot = new Date(now.getTime() + 60_000);
		const list = [
			ticket(1, { category: 'appointment', appointmentAt: slot, arrivedAt: minutesAgo(2) }),
			ticket(2, { arrivedAt: minutesAgo(30) })
		];
		expect(ids(list, weights, now)).toEqual([2, 1]);
		expect(ids(list, weights, slot)).toEqual([1, 2]);
	});

	it('an appointment ticket without a slot is ranked as an ordinary visitor', () => {
		const list = [
			ticket(1, { category: 'appointment', appointmentAt: null, arrivedAt: minutesAgo(2) }),
			ticket(2, { arrivedAt: minutesAgo(3) })
		];
		const ranked = rankCandidates(list, weights, now);
		expect(ranked.map((r) => r.candidate.id)).toEqual([2, 1]);
		expect(ranked.map((r) => r.reason)).toEqual(['weighted', 'weighted']);
	});

	it('a started slot on a non-appointment ticket gives no precedence', () => {
		const list = [
			ticket(1, { category: 'ordinary', appointmentAt: minutesAgo(30), arrivedAt: minutesAgo(2) }),
			ticket(2, { arrivedAt: minutesAgo(3) })
		];
		expect(ids(list)).toEqual([2, 1]);
		expect(pickNext(list, weights, now)?.reason).toBe('weighted');
	});
});

describe('rankCandidates: tickets transferred to this desk', () => {
	it('come after started appointments and before priority visitors', () => {
		const list = [
			ticket(1, { category: 'priority', arrivedAt: minutesAgo(60) }),
			ticket(2, { targetedAtDesk: true, arrivedAt: minutesAgo(1) }),
			ticket(3, { category: 'appointment', appointmentAt: minutesAgo(1), arrivedAt: minutesAgo(1) }),
			ticket(4, { arrivedAt: minutesAgo(120) })
		];
		const ranked = rankCandidates(list, weights, now);
		expect(ranked.map((r) => r.candidate.id)).toEqual([3, 2, 1, 4]);
		expect(ranked.map((r) => r.reason)).toEqual(['appointment', 'targeted', 'priority', 'weighted']);
	});

	it('go longest waiting first among themselves, whatever their service weight', () => {
		const list = [
			ticket(1, { targetedAtDesk: true, serviceId: PASSPORT, arrivedAt: minutesAgo(5) }),
			ticket(2, { targetedAtDesk: true, serviceId: CONSULTATION, arrivedAt: minutesAgo(20) })
		];
		expect(ids(list)).toEqual([2, 1]);
		expect(rankCandidates(list, weights, now).map((r) => r.score)).toEqual([0, 0]);
	});

	it('a targeted priority visitor is ranked as targeted', () => {
		const list = [ticket(1, { targetedAtDesk: true, category: 'priority', arrivedAt: minutesAgo(1) })];
		expect(pickNext(list, weights, now)?.reason).toBe('targeted');
	});

	it('a targeted appointment whose slot has not started is ranked as targeted', () => {
		const list = [
			ticket(1, { targetedAtDesk: true, category: 'appointment', appointmentAt: minutesAhead(30), arrivedAt: minutesAgo(1) }),
			ticket(2, { category: 'priority', arrivedAt: minutesAgo(50) })
		];
		expect(ids(list)).toEqual([1, 2]);
		expect(pickNext(list, weights, now)?.reason).toBe('targeted');
	});

	it('targetedAtDesk false is the same as not targeted', () => {
		const list = [
			ticket(1, { targetedAtDesk: false, arrivedAt: minutesAgo(1) }),
			ticket(2, { category: 'priority', arrivedAt: minutesAgo(1) })
		];
		expect(ids(list)).toEqual([2, 1]);
		expect(rankCandidates(list, weights, now)[1]!.reason).toBe('weighted');
	});
});

describe('rankCandidates: priority visitors', () => {
	it('go before ordinary visitors, even ones who waited much longer at a heavier service', () => {
		const list = [
			ticket(1, { serviceId: PASSPORT, arrivedAt: minutesAgo(240) }),
			ticket(2, { category: 'priority', serviceId: CONSULTATION, arrivedAt: now })
		];
		const ranked = rankCandidates(list, weights, now);
		expect(ranked.map((r) => r.candidate.id)).toEqual([2, 1]);
		expect(ranked[0]!.reason).toBe('priority');
		expect(ranked[0]!.score).toBe(0);
	});

	it('go longest waiting first, not by service weight', () => {
		const list = [
			ticket(1, { category: 'priority', serviceId: PASSPORT, arrivedAt: minutesAgo(5) }),
			ticket(2, { category: 'priority', serviceId: CONSULTATION, arrivedAt: minutesAgo(20) }),
			ticket(3, { category: 'priority', serviceId: UNKNOWN_SERVICE, arrivedAt: minutesAgo(10) })
		];
		expect(ids(list)).toEqual([2, 3, 1]);
	});

	it('with the same arrival go by id', () => {
		const at = minutesAgo(4);
		const list = [
			ticket(30, { category: 'priority', arrivedAt: at }),
			ticket(10, { category: 'priority', arrivedAt: at }),
			ticket(20, { category: 'priority', arrivedAt: at })
		];
		expect(ids(list)).toEqual([10, 20, 30]);
	});
});

describe('rankCandidates: everyone else, weighted by the desk', () => {
	it('passport waited 5 min beats consultation waited 20 min (5*10 > 20*2)', () => {
		const list = [
			ticket(1, { serviceId: CONSULTATION, arrivedAt: minutesAgo(20) }),
			ticket(2, { serviceId: PASSPORT, arrivedAt: minutesAgo(5) })
		];
		const ranked = rankCandidates(list, weights, now);
		expect(ranked.map((r) => r.candidate.id)).toEqual([2, 1]);
		expect(ranked.map((r) => r.score)).toEqual([5 * 60 * 10, 20 * 60 * 2]);
		expect(ranked.map((r) => r.reason)).toEqual(['weighted', 'weighted']);
	});

	it('consultation waited 60 min beats passport waited 5 min (60*2 > 5*10)', () => {
		const list = [
			ticket(1, { serviceId: PASSPORT, arrivedAt: minutesAgo(5) }),
			ticket(2, { serviceId: CONSULTATION, arrivedAt: minutesAgo(60) })
		];
		expect(ids(list)).toEqual([2, 1]);
		expect(pickNext(list, weights, now)?.score).toBe(60 * 60 * 2);
	});

	it('the crossover sits where weighted waits are equal: 25 min of consultation = 5 min of passport', () => {
		const passport = ticket(1, { serviceId: PASSPORT, arrivedAt: minutesAgo(5) });
		const justBelow = ticket(2, { serviceId: CONSULTATION, arrivedAt: new Date(minutesAgo(25).getTime() + 1000) });
		const justAbove = ticket(3, { serviceId: CONSULTATION, arrivedAt: new Date(minutesAgo(25).getTime() - 1000) });
		expect(ids([justBelow, passport])).toEqual([1, 2]);
		expect(ids([justAbove, passport])).toEqual([3, 1]);
	});

	it('with equal weighted scores, the earlier arrival goes first', () => {
		// passport 5 min * 10 = consultation 25 min * 2; the consultation visitor arrived first.
		const list = [
			ticket(1, { serviceId: PASSPORT, arrivedAt: minutesAgo(5) }),
			ticket(2, { serviceId: CONSULTATION, arrivedAt: minutesAgo(25) })
		];
		const ranked = rankCandidates(list, weights, now);
		expect(ranked[0]!.score).toBe(ranked[1]!.score);
		expect(ranked.map((r) => r.candidate.id)).toEqual([2, 1]);
	});

	it('with equal scores and arrival, the lower id goes first', () => {
		const at = minutesAgo(8);
		const list = [ticket(9, { arrivedAt: at }), ticket(3, { arrivedAt: at }), ticket(5, { arrivedAt: at })];
		expect(ids(list)).toEqual([3, 5, 9]);
	});

	it('within one service, the longest waiting goes first', () => {
		const list = [
			ticket(1, { arrivedAt: minutesAgo(2) }),
			ticket(2, { arrivedAt: minutesAgo(9) }),
			ticket(3, { arrivedAt: minutesAgo(4) })
		];
		expect(ids(list)).toEqual([2, 3, 1]);
	});

	it('a service the desk has no weight for gets DEFAULT_WEIGHT', () => {
		expect(DEFAULT_WEIGHT).toBe(5);
		const [ranked] = rankCandidates([ticket(1, { serviceId: UNKNOWN_SERVICE, arrivedAt: minutesAgo(10) })], weights, now);
		expect(ranked!.score).toBe(10 * 60 * DEFAULT_WEIGHT);
	});

	it('an unweighted service ranks between a heavier and a lighter one as DEFAULT_WEIGHT says', () => {
		// 10 min: passport 6000, unknown 3000, consultation 1200.
		const list = [
			ticket(1, { serviceId: CONSULTATION, arrivedAt: minutesAgo(10) }),
			ticket(2, { serviceId: UNKNOWN_SERVICE, arrivedAt: minutesAgo(10) }),
			ticket(3, { serviceId: PASSPORT, arrivedAt: minutesAgo(10) })
		];
		expect(ids(list)).toEqual([3, 2, 1]);
		// unknown waited 11 min (3300) beats passport waited 5 min (3000) but not 6 min (3600)
		expect(ids([ticket(1, { serviceId: UNKNOWN_SERVICE, arrivedAt: minutesAgo(11) }), ticket(2, { arrivedAt: minutesAgo(5) })])).toEqual([
			1, 2
		]);
		expect(ids([ticket(1, { serviceId: UNKNOWN_SERVICE, arrivedAt: minutesAgo(11) }), ticket(2, { arrivedAt: minutesAgo(6) })])).toEqual([
			2, 1
		]);
	});

	it('with no weights at all, it is plain longest-waiting-first', () => {
		const list = [
			ticket(1, { serviceId: PASSPORT, arrivedAt: minutesAgo(5) }),
			ticket(2, { serviceId: CONSULTATION, arrivedAt: minutesAgo(6) }),
			ticket(3, { serviceId: UNKNOWN_SERVICE, arrivedAt: minutesAgo(4) })
		];
		expect(ids(list, noWeights)).toEqual([2, 1, 3]);
		expect(rankCandidates(list, noWeights, now).map((r) => r.score)).toEqual([6 * 60 * 5, 5 * 60 * 5, 4 * 60 * 5]);
	});

	it('a weight given explicitly is used even when it equals zero', () => {
		// `??` not `||`: a weight of 0 is a weight, not "missing".
		const w: DeskWeights = new Map([[CONSULTATION, 0]]);
		const [ranked] = rankCandidates([ticket(1, { serviceId: CONSULTATION, arrivedAt: minutesAgo(30) })], w, now);
		expect(ranked!.score).toBe(0);
	});

	it('an arrival stamped in the future (clock skew) counts as zero waiting, not negative', () => {
		const list = [ticket(1, { arrivedAt: minutesAhead(3) }), ticket(2, { serviceId: CONSULTATION, arrivedAt: now })];
		const ranked = rankCandidates(list, weights, now);
		expect(ranked.map((r) => r.score)).toEqual([0, 0]);
		// equal scores fall back to arrival: the one stamped "now" is earlier
		expect(ranked.map((r) => r.candidate.id)).toEqual([2, 1]);
	});
});

describe('rankCandidates: transferred tickets keep their arrival', () => {
	it('a ticket transferred in just now with an old arrivedAt goes before one that arrived later', () => {
		// Transferred from another desk at 08:58, but the visitor joined the queue at 08:20.
		const transferred = ticket(100, { arrivedAt: minutesAgo(40) });
		const newcomer = ticket(5, { arrivedAt: minutesAgo(10) });
		expect(ids([newcomer, transferred])).toEqual([100, 5]);
	});

	it('an old arrival outweighs a newer one at the same service regardless of id', () => {
		const list = [ticket(1, { arrivedAt: minutesAgo(3) }), ticket(2, { arrivedAt: minutesAgo(4) })];
		expect(ids(list)).toEqual([2, 1]);
	});
});

describe('rankCandidates: full order and determinism', () => {
	const mixed: CallCandidate[] = [
		ticket(1, { serviceId: PASSPORT, arrivedAt: minutesAgo(5) }), // weighted 3000
		ticket(2, { serviceId: CONSULTATION, arrivedAt: minutesAgo(20) }), // weighted 2400
		ticket(3, { serviceId: CONSULTATION, arrivedAt: minutesAgo(60) }), // weighted 7200
		ticket(4, { category: 'priority', arrivedAt: minutesAgo(2) }),
		ticket(5, { category: 'priority', arrivedAt: minutesAgo(8) }),
		ticket(6, { category: 'appointment', appointmentAt: minutesAgo(3), arrivedAt: minutesAgo(1) }),
		ticket(7, { category: 'appointment', appointmentAt: minutesAgo(15), arrivedAt: minutesAgo(14) }),
		ticket(8, { category: 'appointment', appointmentAt: minutesAhead(10), arrivedAt: minutesAgo(7) }), // weighted 4200
		ticket(9, { targetedAtDesk: true, arrivedAt: minutesAgo(1) }),
		ticket(10, { serviceId: UNKNOWN_SERVICE, arrivedAt: minutesAgo(10) }), // weighted 3000, arrived before #1
		ticket(11, { serviceId: PASSPORT, arrivedAt: minutesAgo(5) }) // weighted 3000, same arrival as #1
	];
	const expected = [7, 6, 9, 5, 4, 3, 8, 10, 1, 11, 2];

	it('orders a mixed queue by group, then within each group', () => {
		const ranked = rankCandidates(mixed, weights, now);
		expect(ranked.map((r) => r.candidate.id)).toEqual(expected);
		expect(ranked.map((r) => r.reason)).toEqual([
			'appointment',
			'appointment',
			'targeted',
			'priority',
			'priority',
			'weighted',
			'weighted',
			'weighted',
			'weighted',
			'weighted',
			'weighted'
		]);
	});

	it('gives the same order for any input order (seeded shuffles of the mixed queue)', () => {
		const rnd = prng(20260310);
		for (let i = 0; i < 500; i++) {
			expect(ids(shuffled(mixed, rnd))).toEqual(expected);
		}
	});

	it('gives the same order for every permutation of a queue full of ties', () => {
		const at = minutesAgo(5);
		const tied = [
			ticket(1, { arrivedAt: at }),
			ticket(2, { arrivedAt: at }),
			ticket(3, { serviceId: CONSULTATION, arrivedAt: minutesAgo(25) }), // same score as 1 and 2, earlier
			ticket(4, { category: 'priority', arrivedAt: at }),
			ticket(5, { category: 'priority', arrivedAt: at }),
			ticket(6, { category: 'appointment', appointmentAt: minutesAgo(1), arrivedAt: at })
		];
		const reference = ids(tied);
		expect(reference).toEqual([6, 4, 5, 3, 1, 2]);
		for (const p of permutations(tied)) expect(ids(p)).toEqual(reference);
	});

	it('gives the same order for any input order of generated queues, and every order obeys the policy', () => {
		const rnd = prng(42);
		const categories = ['ordinary', 'ordinary', 'priority', 'appointment'] as const;
		const groupRank = { appointment: 0, targeted: 1, priority: 2, weighted: 3 } as const;
		for (let round = 0; round < 200; round++) {
			const size = 1 + Math.floor(rnd() * 12);
			const list: CallCandidate[] = Array.from({ length: size }, (_, i) => {
				const category = categories[Math.floor(rnd() * categories.length)];
				return ticket(i + 1, {
					category,
					serviceId: [PASSPORT, CONSULTATION, UNKNOWN_SERVICE][Math.floor(rnd() * 3)],
					// coarse minutes so ties in arrival and score actually happen
					arrivedAt: minutesAgo(Math.floor(rnd() * 6) * 5),
					appointmentAt: category === 'appointment' ? minutesAgo(Math.floor(rnd() * 7) * 5 - 10) : null,
					targetedAtDesk: rnd() < 0.1
				});
			});
			const reference = rankCandidates(list, weights, now);
			const referenceIds = reference.map((r) => r.candidate.id);
			expect(new Set(referenceIds).size).toBe(size);
			expect(pickNext(list, weights, now)?.candidate.id).toBe(referenceIds[0]);
			for (let k = 0; k < 5; k++) expect(ids(shuffled(list, rnd))).toEqual(referenceIds);

			for (let i = 1; i < reference.length; i++) {
				const a = reference[i - 1]!;
				const b = reference[i]!;
				expect(groupRank[a.reason]).toBeLessThanOrEqual(groupRank[b.reason]);
				if (a.reason !== b.reason) continue;
				if (a.reason === 'appointment') {
					expect(a.candidate.appointmentAt!.getTime()).toBeLessThanOrEqual(b.candidate.appointmentAt!.getTime());
					if (a.candidate.appointmentAt!.getTime() !== b.candidate.appointmentAt!.getTime()) continue;
				}
				if (a.reason === 'weighted') {
					expect(a.score).toBeGreaterThanOrEqual(b.score);
					if (a.score !== b.score) continue;
				}
				const ta = a.candidate.arrivedAt.getTime();
				const tb = b.candidate.arrivedAt.getTime();
				expect(ta).toBeLessThanOrEqual(tb);
				if (ta === tb) expect(a.candidate.id).toBeLessThan(b.candidate.id);
			}
		}
	});

	it('does not reorder or modify the input array', () => {
		const input = [ticket(1, { arrivedAt: minutesAgo(1) }), ticket(2, { arrivedAt: minutesAgo(9) })];
		const before = input.map((c) => ({ ...c }));
		rankCandidates(input, weights, now);
		expect(input.map((c) => c.id)).toEqual([1, 2]);
		expect(input).toEqual(before);
	});

	it('returns the very candidate objects it was given', () => {
		const input = [ticket(1), ticket(2, { category: 'priority' })];
		const ranked = rankCandidates(input, weights, now);
		expect(ranked).toHaveLength(2);
		expect(ranked.map((r) => r.candidate)).toEqual(expect.arrayContaining(input));
		expect(ranked.find((r) => r.candidate.id === 1)?.candidate).toBe(input[0]);
	});
});

describe('remote tickets (taken from a phone)', () => {
	it('passes over a remote ticket whose visitor has not arrived; once arrived it is called in its place', () => {
		const remote = ticket(1, { arrivedAt: minutesAgo(30), awaitingArrival: true });
		const walkIn = ticket(2, { arrivedAt: minutesAgo(10) });
		expect(ids([remote, walkIn])).toEqual([2]);
		expect(pickNext([remote], weights, now)).toBeNull();
		// Checked in at the kiosk: the place it took from the phone (30 minutes ago) counts.
		expect(ids([{ ...remote, awaitingArrival: false }, walkIn])).toEqual([1, 2]);
	});
});
