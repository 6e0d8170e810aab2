// Runs desk-setup.ts through tsx with the `$lib` alias (as bin/talon.js does): node desk-setup.mjs DATA_DIR
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
register({ tsconfig: join(root, 'tsconfig.node.json') });
await import('./desk-setup.ts');
