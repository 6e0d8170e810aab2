/**
 * Which test file answers which operations of the API document (`METHOD /path`, as the
 * document names them). Every operation must be answered successfully in some file:
 * `tests/integration/api.test.ts` answers those of no area, each area's own file
 * (`api-<area>.test.ts`) calls `api.unexercised('<area>')`. One line per area, so features built
 * side by side do not meet in one test file.
 */
export const apiAreas = {
	/** Administration (issue 11): `tests/integration/api-admin.test.ts`. */
	admin: /^[A-Z]+ \/admin\/(?!offices\/\{[a-zA-Z]+\}\/(categories|services|desks))/,
	/** The service catalogue and desks (issue 11): `tests/integration/api-catalogue.test.ts`. */
	catalogue: /^[A-Z]+ \/admin\/offices\/\{[a-zA-Z]+\}\/(categories|services|desks)/,
	/** Reports (issue 12): `tests/integration/api-reports.test.ts`. */
	reports: /^[A-Z]+ \/reports\//,
	/** Visitors' ratings (issue 12): `tests/integration/api-ratings.test.ts`. */
	ratings: /^[A-Z]+ \/tickets\/\{[a-zA-Z]+\}\/rating$/,
	/** Notices, alerts and remote queueing (issue 13): `tests/integration/api-notices.test.ts`. */
	notices: /^[A-Z]+ (\/tickets\/\{[a-zA-Z]+\}\/alerts|\/remote\/|\/offices\/\{office\}\/remote)/
} as const satisfies Record<string, RegExp>;

export type ApiArea = keyof typeof apiAreas;
