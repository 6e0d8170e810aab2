#!/usr/bin/env node
// The `talon` command: runs src/cli/main.ts through tsx, with the `$lib` alias resolved.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: join(root, 'tsconfig.node.json') });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
