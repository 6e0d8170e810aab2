import { z } from 'zod';
import { StaffRole } from '$lib/domain/states';

/**
 * Staff as the administration reads and writes them (issue 11, item 4). One schema for the admin
 * form and `/api/v1/admin/users`. A password is typed (8+ characters) or left empty to have one
 * generated; a generated one is answered once and never stored or logged in clear.
 */
export const staffLogin = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9._-]{2,40}$/, { error: 'login' })
	.describe('Sign-in name: a–z, 0–9, dot, dash, underscore; 2–40 characters');

const password = z.string().max(200).describe('8 characters or more; empty: a generated one is answered once');
const roles = z.array(z.enum(StaffRole)).min(1).max(3);
const officeIds = z.array(z.int().positive()).max(200).describe('Offices the user works in');

export const staffCreate = z
	.object({
		login: staffLogin,
		displayName: z.string().trim().max(100).default(''),
		roles,
		officeIds: officeIds.default([]),
		password: password.default('').refine((p) => p === '' || p.length >= 8, { error: 'password' })
	})
	.meta({ id: 'AdminStaffCreate' });
export type StaffCreate = z.output<typeof staffCreate>;

export const staffPatch = z
	.object({
		displayName: z.string().trim().max(100),
		roles,
		officeIds,
		disabled: z.boolean().describe('true disables the user and ends their sessions and open connections at once'),
		resetPassword: z.literal(true).describe('A new generated password, answered once; every session ends'),
		password: z.string().min(8, { error: 'password' }).max(200).describe('Set this password; every session ends'),
		unlock: z.literal(true).describe('Forget failed sign-ins of this login (lifts a throttling block)')
	})
	.partial()
	.meta({ id: 'AdminStaffPatch' });
export type StaffPatch = z.output<typeof staffPatch>;

export const staffView = z
	.object({
		id: z.int(),
		login: z.string(),
		displayName: z.string(),
		roles: z.array(z.enum(StaffRole)),
		officeIds: z.array(z.int()),
		disabled: z.boolean(),
		lockedUntil: z.iso.datetime().nullable().describe('Sign-in blocked until then after failed attempts'),
		createdAt: z.iso.datetime()
	})
	.meta({ id: 'AdminStaff', description: 'A staff member; never their password or its hash.' });
export type StaffView = z.output<typeof staffView>;

export const staffListQuery = z.object({
	q: z.string().trim().max(100).optional().describe('Part of the login or name'),
	office: z.string().max(100).optional().describe('Only users of this office (id or slug)')
});
