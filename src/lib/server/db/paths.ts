import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';

/**
 * The project root, found from this module's location in the source tree or in the build
 * (`build/server/chunks/...`): the first ancestor folder that holds `migrations/`.
 */
export function projectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 8; i++) {
		if (existsSync(resolve(dir, 'migrations')) && existsSync(resolve(dir, 'package.json'))) return dir;
		dir = dirname(dir);
	}
	return process.cwd();
}

export const migrationsDir = (): string => resolve(projectRoot(), 'migrations');
