/** Settings from the environment, read once. */
export interface Config {
	databaseUrl: string | null;
	dataDir: string;
	/** Seed the demo office into an empty embedded database on first start (default on). */
	seedDemo: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		databaseUrl: env.DATABASE_URL?.trim() || null,
		dataDir: env.TALON_DATA_DIR?.trim() || './data',
		seedDemo: env.TALON_DEMO !== '0'
	};
}
