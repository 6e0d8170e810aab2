import type { z } from 'zod';

/**
 * A form sends only text, and leaves out an unticked checkbox. These read a `FormData` the way
 * the action's zod schema expects it, so one schema serves a form and a JSON body alike:
 *
 * - a boolean field (or `z.literal(true)`) is a checkbox: present means true, absent false;
 * - a number field gets a number (`''` is "not given", so a required one says so);
 * - an array field gets every value sent under its name (a multiple select, a group of
 *   checkboxes, repeated inputs), empty ones left out;
 * - an enum or a date field left empty is "not given"; a text field keeps its `''`.
 */
type Kind = 'boolean' | 'number' | 'date' | 'choice' | 'text' | { array: Kind };

/** The parts of zod 4's schema definitions this reads (`schema.def`). */
interface Def {
	type: string;
	innerType?: z.ZodType;
	in?: z.ZodType;
	element?: z.ZodType;
	shape?: Record<string, z.ZodType>;
	values?: unknown[];
	getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

/** Through optional, nullable, default, pipe (`.transform`), lazy… to the type that reads the value. */
function unwrap(s: z.ZodType): z.ZodType {
	for (let i = 0; i < 32; i++) {
		const d = defOf(s);
		const next = d.innerType ?? (d.type === 'pipe' ? d.in : undefined) ?? (d.type === 'lazy' ? d.getter?.() : undefined);
		if (!next) return s;
		s = next;
	}
	return s;
}

function kindOf(schema: z.ZodType): Kind {
	const d = defOf(unwrap(schema));
	switch (d.type) {
		case 'boolean':
			return 'boolean';
		case 'number':
		case 'bigint':
			return 'number';
		case 'date':
			return 'date';
		case 'enum':
			return 'choice';
		case 'literal':
			if (d.values?.every((v) => typeof v === 'boolean')) return 'boolean';
			if (d.values?.every((v) => typeof v === 'number')) return 'number';
			return 'choice';
		case 'array':
		case 'set':
			return { array: d.element ? kindOf(d.element) : 'text' };
		default:
			return 'text';
	}
}

const texts = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');

function convert(kind: Exclude<Kind, { array: Kind }>, raw: string | undefined): unknown {
	if (kind === 'boolean') return raw !== undefined && !['', 'false', 'off', '0'].includes(raw);
	if (raw === undefined) return undefined;
	if (kind === 'text') return raw;
	const v = raw.trim();
	if (v === '') return undefined;
	if (kind === 'number') return Number(v);
	if (kind === 'date') return new Date(v);
	return v;
}

/** The form as the schema's input: its fields converted by their types, others as sent. */
export function formInput(schema: z.ZodType, form: FormData): Record<string, unknown> {
	const shape = defOf(unwrap(schema)).shape;
	const out: Record<string, unknown> = {};
	if (!shape) {
		for (const name of new Set(form.keys())) {
			const all = texts(form, name);
			out[name] = all.length > 1 ? all : all[0];
		}
		return out;
	}
	for (const [name, field] of Object.entries(shape)) {
		const kind = kindOf(field);
		if (typeof kind === 'object') {
			const item = typeof kind.array === 'object' ? 'text' : kind.array;
			out[name] = texts(form, name)
				.filter((v) => v.trim() !== '')
				.map((v) => convert(item, v));
		} else {
			const v = convert(kind, texts(form, name)[0]);
			if (v !== undefined) out[name] = v;
		}
	}
	return out;
}

/** What was sent, as text, to put back into the form; files and secrets left out. */
export function sentValues(form: FormData, secret: readonly string[] = []): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const name of new Set(form.keys())) {
		if (/password/i.test(name) || secret.includes(name)) continue;
		const all = texts(form, name);
		if (all.length) out[name] = all.length > 1 ? all : all[0]!;
	}
	return out;
}
