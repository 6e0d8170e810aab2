import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { agentArgs } from '../../kiosk/cli';

describe('the kiosk agent command line', () => {
	const base = [
		'--server',
		'http://talon.local:3000',
		'--token',
		' ABCD ',
		'--printer',
		'tcp://192.0.2.10:9100',
		'--state',
		'/var/lib/talon-kiosk'
	];

	it('reads the options the agent runs with, and nothing a test could hook into', () => {
		const args = agentArgs(base, { TALON_AGENT_TEST_EXIT_AFTER_PRINT: '1' });
		expect(args.kind).toBe('run');
		if (args.kind !== 'run') return;
		expect(args.options).toMatchObject({
			server: 'http://talon.local:3000',
			token: 'abcd',
			journalFile: join('/var/lib/talon-kiosk', 'printed.log')
		});
		expect(args.options.layout).toEqual({ publicUrl: undefined, columns: 48, codepageMapping: 'epson' });
		// The shipped agent has no test hook, whatever the environment says.
		expect(args.options.afterPrint).toBeUndefined();
	});

	it('takes the token from TALON_KIOSK_TOKEN and says what is wrong in one message', () => {
		const noToken = base.filter((_, i) => i !== 2 && i !== 3);
		expect(agentArgs(noToken, { TALON_KIOSK_TOKEN: 'tok' })).toMatchObject({ kind: 'run', options: { token: 'tok' } });
		expect(agentArgs(noToken, {})).toMatchObject({ kind: 'error', message: expect.stringContaining('--token') });
		expect(agentArgs([...base, '--columns', '100'])).toEqual({
			kind: 'error',
			message: '--columns must be a whole number between 24 and 64'
		});
		expect(agentArgs([...base, '--codepage-mapping', 'ibm'])).toMatchObject({ kind: 'error' });
		expect(agentArgs(['--help'])).toEqual({ kind: 'help' });
	});
});
