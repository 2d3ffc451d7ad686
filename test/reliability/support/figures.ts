/**
 * docs/reliability.json: measured figures, one top-level key per section
 * (soak, races, queue …). Several suites write it: each merges its own key
 * and leaves the others as they are.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { resolve } from 'path';

import { PACKAGE_ROOT } from '../../support/harness';

export const FIGURES_FILE = resolve(PACKAGE_ROOT, 'docs', 'reliability.json');

export function machine(): { cpus: number; cpu: string; node: string } {
	return { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
}

/** Replaces `key` in docs/reliability.json with `value` (re-read right before writing; written atomically). */
export function writeFigures(key: string, value: unknown): void {
	const current = existsSync(FIGURES_FILE) ? (JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, unknown>) : {};
	current[key] = value;
	const tmp = `${FIGURES_FILE}.${process.pid}.tmp`;
	writeFileSync(tmp, `${JSON.stringify(current, null, '\t')}\n`);
	renameSync(tmp, FIGURES_FILE);
}
