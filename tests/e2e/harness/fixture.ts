import { test as base, expect, type TestInfo } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { startTalon, startedServers, tail, type TalonOptions, type TalonServer } from './server';

/**
 * Playwright fixtures over the harness. A spec family makes its test function once:
 *
 *     export const test = talonTest({ seed: async (sql, demo) => ({ ... }) });
 *     test('…', async ({ talon, page }) => { await page.goto('/'); … });
 *
 * `talon` is one server per worker for that family (its files share it, as the desk and the
 * sign-in tests do); `page`, `request` and `context` use it as their baseURL. `launchTalon`
 * starts more servers inside one test (stopped after it). When a test fails, the log of every
 * server it used is printed and attached.
 */
export interface TalonFixtures {
	launchTalon: <T = undefined>(opts?: TalonOptions<T>) => Promise<TalonServer<T>>;
	_talonLogOnFailure: void;
}

export function talonTest<T = undefined>(options: TalonOptions<T> = {}) {
	return base.extend<TalonFixtures, { talon: TalonServer<T> }>({
		talon: [
			async ({}, use) => {
				const server = await startTalon(options);
				try {
					await use(server);
				} finally {
					await server.dispose();
				}
			},
			// A first embedded database on a busy machine: creating it, seeding, then the start.
			{ scope: 'worker', timeout: 240_000 }
		],
		baseURL: async ({ talon }, use) => use(talon.url),
		launchTalon: async ({}, use) => {
			const mine: TalonServer<unknown>[] = [];
			await use(async (opts) => {
				const server = await startTalon(opts);
				mine.push(server as TalonServer<unknown>);
				return server;
			});
			for (const s of mine) await s.dispose();
		},
		_talonLogOnFailure: [
			async ({}, use, testInfo) => {
				const before = startedServers.length;
				const marks = new Map(startedServers.filter((s) => s.running).map((s) => [s, s.log().length]));
				await use();
				if (testInfo.status === testInfo.expectedStatus) return;
				// Servers running when the test began (from where it began), and those it started.
				const used = [...marks.keys(), ...startedServers.slice(before)];
				for (const [i, s] of used.entries()) await reportLog(testInfo, s, marks.get(s) ?? 0, i);
			},
			// Set up before any other fixture, so it is torn down last: after launchTalon stopped its servers.
			{ auto: true }
		]
	});
}

async function reportLog(testInfo: TestInfo, server: TalonServer<unknown>, from: number, index: number): Promise<void> {
	const log = server.log();
	const name = `talon-server-${index + 1}.log`;
	const file = testInfo.outputPath(name);
	writeFileSync(file, log);
	await testInfo.attach(name, { path: file, contentType: 'text/plain' });
	// The lines before the test give the context (how it started, what came before); a mark shows where the test began.
	const shown =
		from > 0
			? `${tail(log.slice(0, from), 30)}\n----- [e2e harness] this test began here -----\n${log.slice(from).trimEnd() || '(the server printed nothing during the test)'}`
			: log;
	const where = server.store.kind === 'server' ? 'PostgreSQL' : 'embedded database';
	process.stderr.write(
		`\n===== log of the Talon server ${server.url} (${where}) =====\n${tail(shown, 200)}\n===== end of the server log (all of it: ${file}) =====\n`
	);
}

/** The demo office and nothing else: for specs that only need a running app. */
export const test = talonTest();
export { expect };
export type { TalonServer };
