/**
 * One Talon node as a child process (tests/helpers/node.ts), for tests and benches that kill a
 * node with SIGKILL. Run with tsx: `tsx --tsconfig bench/tsconfig.json tests/helpers/node-process.ts`
 * with NODE_DATABASE_URL and NODE_SCHEMA (empty: the URL's default schema). Prints one JSON line
 * `{"port":…}` once it listens.
 */
import { startNode } from './node';

const node = await startNode({
	url: process.env.NODE_DATABASE_URL!,
	schema: process.env.NODE_SCHEMA || undefined,
	max: Number(process.env.NODE_POOL ?? 5)
});
console.log(JSON.stringify({ port: node.port }));
process.on('SIGTERM', () => void node.close().then(() => process.exit(0)));
