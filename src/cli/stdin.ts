/** The first line of standard input when something is piped in; '' for a terminal or nothing. */
export async function readStdinLine(timeoutMs = 2000): Promise<string> {
	if (process.stdin.isTTY) return '';
	return new Promise((resolve) => {
		let data = '';
		const done = () => {
			clearTimeout(timer);
			process.stdin.pause();
			resolve(data.split(/\r?\n/)[0]?.trim() ?? '');
		};
		// No writer at all (stdin inherited from a daemon): don't wait forever.
		const timer = setTimeout(done, timeoutMs);
		process.stdin.setEncoding('utf8');
		process.stdin.on('data', (chunk) => (data += chunk));
		process.stdin.on('end', done);
		process.stdin.on('error', done);
		process.stdin.resume();
	});
}
