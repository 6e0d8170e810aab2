// The kiosk agent: `npm run kiosk -- --server URL --token T --printer tcp://HOST:9100 | usb | serial:/dev/ttyUSB0 | file:PATH`
// Runs on the kiosk PC next to Chromium; prints the kiosk's tickets on its ESC/POS printer.
import { agentArgs, usage } from './cli';
import { startAgent } from './run-agent';

const args = agentArgs(process.argv.slice(2));
if (args.kind === 'help') {
	console.log(usage);
} else if (args.kind === 'error') {
	console.error(args.message);
	process.exit(2);
} else {
	const agent = startAgent(args.options);
	const stop = async () => {
		await agent.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
