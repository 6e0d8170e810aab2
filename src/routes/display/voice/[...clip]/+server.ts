import type { RequestHandler } from './$types';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { error } from '@sveltejs/kit';
import { projectRoot } from '$lib/server/db/paths';

/**
 * The offline voice pack (`display/voice/`, built by display/build-voice.ts and committed),
 * served to boards: `manifest.json` and `<lang>/<clip>.mp3`. Clip names are checked against a
 * strict pattern, so nothing outside the pack can be read.
 */
const pattern = /^(manifest\.json|chime\.mp3|(ru|en)\/[a-z0-9-]{1,24}\.mp3)$/;

export const GET: RequestHandler = async ({ params }) => {
	if (!pattern.test(params.clip)) error(404, 'no such clip');
	const file = resolve(projectRoot(), 'display', 'voice', params.clip);
	let body: Buffer;
	try {
		body = await readFile(file);
	} catch {
		error(404, 'no such clip');
	}
	const json = params.clip.endsWith('.json');
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': json ? 'application/json' : 'audio/mpeg',
			// Clips change only with a new release; the manifest is re-read on every board start.
			'cache-control': json ? 'no-cache' : 'public, max-age=86400'
		}
	});
};
