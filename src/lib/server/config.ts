import { parseSettings, SettingsError, type Settings } from './settings.js';

/**
 * The app's settings, read from the environment once and validated (the variables, their
 * defaults and their descriptions are in `./settings.js`; the README's table is made from it).
 * Keys are the variables' names, so `config().SMTP_URL` finds every reader of `SMTP_URL`.
 *
 * `server.js` validates the same settings before anything starts, so in production an invalid
 * value has already stopped the start with one line; `config()` throwing is for the dev server
 * and the `talon` command.
 */
export type Config = Settings;
export { SettingsError as ConfigError };

/** Parses an environment (the process's by default). Throws `ConfigError` naming the variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	return parseSettings(env);
}

let cached: Config | null = null;

/** The process's settings, parsed on first use. */
export function config(): Config {
	return (cached ??= readConfig());
}
