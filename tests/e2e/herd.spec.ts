import { talonTest, expect } from './harness/fixture';

/**
 * Issue 15 #2, as a newcomer's server meets it: 500 ticket requests from 200 concurrent clients
 * on the embedded database killed the process (postgres.js's `begin` under pipelining) and left
 * committed tickets unanswered. Now every request is answered — a ticket, or 503 `busy` with
 * `Retry-After` when it waited too long and wrote nothing — the server stays up, and a retry with
 * the same idempotency key returns the ticket that was committed.
 *
 * A short database wait (1 s) makes `busy` answers certain under this herd, so the retry path
 * is exercised on every run.
 */
const test = talonTest({ database: 'embedded', env: { TALON_TX_WAIT_MS: '1000' } });
test.setTimeout(300_000);

test('a herd of 500 ticket requests from 200 clients: each answered, none lost, the server keeps serving', async ({ talon }) => {
	const token = talon.demo!.devices.find((d) => d.kind === 'kiosk')!.token;
	const office = talon.demo!.officeSlug;
	const services = (await (await fetch(`${talon.url}/api/v1/offices/${office}/services`)).json()) as { services: { id: number }[] };
	const serviceIds = services.services.map((s) => s.id);
	const issue = (key: string, i: number) =>
		fetch(`${talon.url}/api/v1/offices/${office}/tickets`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
			body: JSON.stringify({ serviceId: serviceIds[i % serviceIds.length] })
		});
	const keys = Array.from({ length: 500 }, (_, i) => `herd-${String(i).padStart(8, '0')}`);
	const ticketOf = new Map<string, number>();
	const busy: string[] = [];
	const other: string[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: 200 }, async () => {
			while (next < keys.length) {
				const i = next++;
				const r = await issue(keys[i]!, i);
				const body = await r.json();
				if (r.status === 201) ticketOf.set(keys[i]!, body.ticket.id);
				else if (r.status === 503 && body.error?.code === 'busy' && Number(r.headers.get('retry-after')) > 0) busy.push(keys[i]!);
				else other.push(`${r.status} ${JSON.stringify(body).slice(0, 120)}`);
			}
		})
	);
	expect(other).toEqual([]);
	expect(ticketOf.size + busy.length).toBe(500);
	expect(talon.running).toBe(true);

	// Every key once more, a few at a time: a refused one gets its ticket now, an answered one the same ticket.
	let retried = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (retried < keys.length) {
				const i = retried++;
				const key = keys[i]!;
				for (;;) {
					const r = await issue(key, i);
					if (r.status === 503) {
						await new Promise((res) => setTimeout(res, 200));
						continue;
					}
					const body = await r.json();
					const first = ticketOf.get(key);
					if (first !== undefined) {
						expect(r.status, key).toBe(200);
						expect(body.duplicate).toBe(true);
						expect(body.ticket.id).toBe(first);
					} else {
						expect(r.status, key).toBe(201);
						ticketOf.set(key, body.ticket.id);
					}
					break;
				}
			}
		})
	);
	// The board's truth: exactly one waiting ticket per key, no more, no fewer.
	const snapshot = await (
		await fetch(`${talon.url}/api/v1/offices/${office}/snapshot`, { headers: { authorization: `Bearer ${token}` } })
	).json();
	const waiting = (snapshot.tickets as { id: number; state: string }[]).filter((t) => t.state === 'waiting');
	expect(new Set(ticketOf.values()).size).toBe(500);
	expect(waiting.map((t) => t.id).sort((a, b) => a - b)).toEqual([...ticketOf.values()].sort((a, b) => a - b));
	expect(talon.log()).not.toMatch(/uncaught exception|unhandled rejection/);
});
