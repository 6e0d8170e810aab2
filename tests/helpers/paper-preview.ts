import QRCode from 'qrcode';
import type { EscPosCommand } from './escpos-inspector';

/**
 * Draws decoded ESC/POS commands as an HTML picture of 80 mm thermal paper: 576 dots wide
 * (72 mm printable at 203 dpi), font A 12x24 dots, 48 columns; `GS ! n` sizes, bold, the QR
 * code at its module size, and a dashed line where the cutter cuts. A person opens it (or a
 * screenshot of it) to see what the printer puts out.
 */
export async function paperHtml(cmds: EscPosCommand[], title = 'Talon ticket'): Promise<string> {
	const rows: string[] = [];
	let line = '';
	let lineHeight = 1;
	let align: 'left' | 'center' | 'right' = 'left';
	const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/ /g, '&nbsp;');
	const endLine = () => {
		rows.push(`<div class="row" style="height:${24 * lineHeight}px;text-align:${align}">${line}</div>`);
		line = '';
		lineHeight = 1;
	};
	for (const c of cmds) {
		if (c.op === 'text') {
			lineHeight = Math.max(lineHeight, c.height);
			const scale = c.width / c.height;
			line += `<span style="font-size:${20 * c.height}px;line-height:${24 * c.height}px;font-weight:${c.bold ? 800 : 400};display:inline-block;transform-origin:left;${scale !== 1 ? `transform:scaleX(${scale});` : ''}">${esc(c.text)}</span>`;
		} else if (c.op === 'newline') endLine();
		else if (c.op === 'align') align = c.value;
		else if (c.op === 'qr') {
			const svg = await QRCode.toString(c.data, { type: 'svg', margin: 0, errorCorrectionLevel: c.errorLevel as 'L' | 'M' | 'Q' | 'H' });
			const modules = QRCode.create(c.data, { errorCorrectionLevel: c.errorLevel as 'L' | 'M' | 'Q' | 'H' }).modules.size;
			const px = modules * c.moduleSize;
			rows.push(
				`<div class="row" style="text-align:${align}"><div style="display:inline-block;width:${px}px;height:${px}px">${svg}</div></div>`
			);
		} else if (c.op === 'cut') {
			if (line) endLine();
			rows.push('<div class="cut">✂ - - - - - - - - - - - - - - - - - - - - - - - - -</div>');
		}
	}
	if (line) endLine();
	return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body { margin: 0; background: #777; padding: 24px; }
.paper { width: 576px; padding: 16px 20px; background: #fdfdf8; box-shadow: 0 2px 12px rgba(0,0,0,.4); font-family: 'DejaVu Sans Mono', monospace; color: #111; }
.row { white-space: pre; overflow: visible; }
.row svg { width: 100%; height: 100%; display: block; }
.cut { color: #777; font-size: 14px; padding-top: 8px; }
</style></head><body><div class="paper">${rows.join('\n')}</div></body></html>`;
}
