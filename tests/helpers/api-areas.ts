/**
 * Which test file answers which operations of the API document (`METHOD /path`, as the
 * document names them). Every operation must be answered successfully in some file:
 * `tests/integration/api.test.ts` answers those of no area, each area's own file
 * (`api-<area>.test.ts`) calls `api.unexercised('<area>')`. One line per area, so features built
 * side by side do not meet in one test file.
 */
export const apiAreas = {
	/** Administration (issue 11): `tests/integration/api-admin.test.ts`. */
	admin: /^[A-Z]+ \/admin\//,
	/** Reports and ratings (issue 12): `tests/integration/api-reports.test.ts`. */
	reports: /^[A-Z]+ (\/reports\/|\/tickets\/\{[a-zA-Z]+\}\/rating$)/,
	/** Notices, alerts and remote queueing (issue 13): `tests/integration/api-notices.test.ts`. */
	notices: /^[A-Z]+ (\/tickets\/\{[a-zA-Z]+\}\/alerts|\/remote\/|\/offices\/\{office\}\/remote)/
} as const satisfies Record<string, RegExp>;

export type ApiArea = keyof typeof apiAreas;
