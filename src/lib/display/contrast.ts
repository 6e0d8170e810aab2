/**
 * WCAG contrast ratio of two `#rrggbb` colours (1..21). The board's palette is checked with it
 * in a unit test: every text colour on its background is at least 7:1 (WCAG AAA), which a hall
 * needs at ten metres.
 */
function luminance(hex: string): number {
	const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
	const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
		const c = parseInt(h!, 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi! + 0.05) / (lo! + 0.05);
}

/** The board's colours (CSS custom properties in the board's pages use exactly these). */
export const palette = {
	bg: '#0b1a2e',
	panel: '#12243d',
	ink: '#ffffff',
	inkSoft: '#c8d3e3',
	accent: '#ffd166',
	accentInk: '#0b1a2e',
	serving: '#9fe0bd',
	offline: '#ffb4a8'
} as const;

/** [text, background] pairs the board draws. */
export const textPairs: [keyof typeof palette, keyof typeof palette][] = [
	['ink', 'bg'],
	['ink', 'panel'],
	['inkSoft', 'bg'],
	['inkSoft', 'panel'],
	['accent', 'bg'],
	['accent', 'panel'],
	['accentInk', 'accent'],
	['serving', 'panel'],
	['offline', 'bg']
];
