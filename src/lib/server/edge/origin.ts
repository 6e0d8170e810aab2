/**
 * SvelteKit's CSRF check, taken over so that two addresses may be exempt (svelte.config.js turns
 * SvelteKit's own off with `csrf.trustedOrigins: ['*']`; `hooks.server.ts` runs this first).
 *
 * The rule is SvelteKit's: a form-encoded POST, PUT, PATCH or DELETE whose `Origin` is not this
 * site is refused with 403. The exemption: the stop links of e-mails (`/t/<code>/stop`,
 * `/book/stop/<id>`). A mail client's one-click unsubscribe (RFC 8058) POSTs
 * `List-Unsubscribe=One-Click` to them from the mail provider's servers, with no `Origin` of
 * ours, and must work. Nothing is forged by letting it: those POSTs act only on the signature in
 * the address (a link that names nothing changes nothing) and read no cookie or session.
 */
const SIGNED_LINKS = [/^\/t\/[^/]+\/stop$/, /^\/book\/stop\/[^/]+$/];

// SvelteKit's list, with its own binary form encoding (remote functions' forms).
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', 'application/x-sveltekit-formdata'];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isSignedLink(pathname: string): boolean {
	return SIGNED_LINKS.some((re) => re.test(pathname));
}

/** True when the request is a cross-site form submission that must be refused. */
export function crossSiteForm(request: Request, url: URL): boolean {
	if (!WRITES.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !isSignedLink(url.pathname);
}

/** The answer SvelteKit gives to the same refusal (text, or JSON to a caller that asks for it). */
export function crossSiteRefusal(request: Request): Response {
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json') return Response.json({ message }, { status: 403 });
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
}
