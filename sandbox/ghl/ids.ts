/**
 * Id formats GHL uses: 20-char alphanumeric ids (contacts, locations, users,
 * notes, tasks, opportunities, custom fields) and 24-hex Mongo ObjectIds
 * (invoices, schedules, templates, estimates, documents). Clients must treat
 * both as opaque strings; the sandbox mimics them so length checks don't lie.
 */
import { randomBytes, randomUUID } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function ghlId(): string {
	const bytes = randomBytes(20);
	let s = '';
	for (const b of bytes) s += ALNUM[b % ALNUM.length];
	return s;
}

let oidCounter = randomBytes(3).readUIntBE(0, 3);

export function objectId(): string {
	const ts = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
	oidCounter = (oidCounter + 1) % 0xffffff;
	return ts + randomBytes(5).toString('hex') + oidCounter.toString(16).padStart(6, '0');
}

export const uuid = (): string => randomUUID();
