import { z } from 'zod';
import type { Sql } from '$lib/server/db/connect';
import { TalonError } from '$lib/errors';
import { verifyPassword, hashPassword } from './staff';
import { createSession } from './sessions';
import { blockedUntil, clearFailures, defaultThrottle, ipKey, loginKey, recordFailure, type ThrottlePolicy } from './throttle';

/** The sign-in form as it arrives (zod at the edge): a login and a password, both bounded. */
export const signInInput = z.object({
	// Logins are lower case (see staff_users' check); what a person types is normalised.
	login: z.string().trim().toLowerCase().min(1).max(100),
	// argon2 of a megabyte-long "password" would be a cheap way to burn CPU: cap it.
	password: z.string().min(1).max(200)
});

/** A hash of nothing, verified when the login does not exist, so both paths cost one argon2 run. */
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword('talon-no-such-user-' + Math.random()));

export interface SignInResult {
	staffId: number;
	token: string;
	expiresAt: Date;
}

/**
 * Checks a login and password and opens a session. Every refusal is the same
 * `invalid_credentials` whether the login exists, is disabled or the password is wrong (no hint
 * for someone guessing logins); after repeated failures of one login or from one address it is
 * `login_throttled` with the minutes to wait, before any password is checked.
 */
export async function signIn(
	sql: Sql,
	input: { login: string; password: string; ip: string },
	opts: { now?: Date; ttlMs?: number; policy?: ThrottlePolicy } = {}
): Promise<SignInResult> {
	const now = opts.now ?? new Date();
	const policy = opts.policy ?? defaultThrottle;
	const { login, password } = signInInput.parse(input);
	const keys = { login: loginKey(login), ip: ipKey(input.ip || 'unknown') };

	const until = await blockedUntil(sql, [keys.login, keys.ip], now);
	if (until) throw throttled(until, now);

	const [user] = await sql<{ id: number; passwordHash: string; disabled: boolean }[]>`
		select id, password_hash, disabled from staff_users where login = ${login}`;
	const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummy(), password), false);
	if (!ok || !user || user.disabled) {
		const a = await recordFailure(sql, keys.login, policy.loginLimit, now, policy);
		const b = await recordFailure(sql, keys.ip, policy.ipLimit, now, policy);
		if (a.blocked || b.blocked) throw throttled(new Date(now.getTime() + policy.blockMs), now);
		throw new TalonError('invalid_credentials');
	}
	await clearFailures(sql, keys.login);
	const session = await createSession(sql, user.id, now, opts.ttlMs);
	return { staffId: user.id, ...session };
}

function throttled(until: Date, now: Date): TalonError {
	return new TalonError('login_throttled', { minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)) });
}
