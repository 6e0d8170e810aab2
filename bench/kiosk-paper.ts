// Renders the bytes a printer received as a picture of the 80 mm paper.
//   npx tsx --tsconfig tsconfig.node.json bench/kiosk-paper.ts BYTES_FILE OUT.png [--last | --ticket=N]
// BYTES_FILE holds raw ESC/POS (the agent's `--printer file:PATH`); `--last` / `--ticket=N` draw
// one ticket of it. Uses Debian's Chromium through Playwright for the screenshot.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { inspect, tickets } from '../tests/helpers/escpos-inspector';
import { paperHtml } from '../tests/helpers/paper-preview';

const [file, out, flag] = process.argv.slice(2);
if (!file || !out) {
	console.error('usage: bench/kiosk-paper.ts BYTES_FILE OUT.png [--last | --ticket=N]');
	process.exit(2);
}
const cmds = inspect(readFileSync(file));
const n = flag?.match(/^--ticket=(\d+)$/)?.[1];
const chosen = flag === '--last' ? (tickets(cmds).at(-1) ?? cmds) : n ? (tickets(cmds)[Number(n) - 1] ?? cmds) : cmds;
const html = await paperHtml(chosen);
writeFileSync(out.replace(/\.png$/, '.html'), html);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage({ viewport: { width: 680, height: 400 } });
await page.setContent(html);
await page.locator('.paper').screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
