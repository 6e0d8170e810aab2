/**
 * Where to go after signing in: only a path of this site (`/desk?x=1`), never another host
 * (`//evil.example`, `https://...`, `/\evil`); anything else goes to the console.
 */
export function safeNext(next: string | null | undefined, fallback = '/desk'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return fallback;
	if (next.startsWith('/login') || next.startsWith('/logout')) return fallback;
	return next;
}
