/**
 * The editor's methods (loadOptions, listSearch, resourceMapping) read each
 * credential once per call: a list that looks up the credential's location
 * and then asks the API, or reads several pages, reuses the first read (in
 * n8n each read is a database query and a decryption).
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { reuseConnections } from './transport';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each method keeps its own parameters
type EditorMethod = (this: ILoadOptionsFunctions, ...args: any[]) => Promise<unknown>;

/** The same methods, each running inside one `reuseConnections` scope. */
export function readingCredentialsOnce<T extends Record<string, unknown>>(methods: T): T {
	const wrapped: Record<string, unknown> = {};
	for (const [name, method] of Object.entries(methods)) {
		if (typeof method !== 'function') continue;
		const run = method as EditorMethod;
		wrapped[name] = async function (this: ILoadOptionsFunctions, ...args: unknown[]) {
			return await reuseConnections(this, async () => await run.apply(this, args));
		};
	}
	return wrapped as T;
}
