import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * posts), Secure whenever the page came over HTTPS (adapter-node learns that from
 * PROTOCOL_HEADER behind a proxy), expiring with the session so an idle browser forgets it too.
 */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires: expiresAt });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}
