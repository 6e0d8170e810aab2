// The kiosk agent's own command line, with one difference for the exactly-once test in
// tests/integration/kiosk-agent.test.ts: the process dies (exit code 9) right after a job is on
// paper and journalled, before the server is told. Kept here so the shipped agent has no such hook.
import { agentArgs } from '../../kiosk/cli';
import { startAgent } from '../../kiosk/run-agent';

const args = agentArgs(process.argv.slice(2));
if (args.kind !== 'run') {
	console.error(args.kind === 'error' ? args.message : 'usage: the agent options');
	process.exit(2);
}
startAgent({ ...args.options, afterPrint: () => process.exit(9) });
