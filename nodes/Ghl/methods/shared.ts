import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { ghlTransport } from '../transport';

/** A node parameter as typed text, or '' when it is unset, an expression (not resolvable here) or not shown. */
function typedParameter(ctx: ILoadOptionsFunctions, name: string, option?: string): string {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter(name);
	} catch {
		value = undefined;
	}
	if (option !== undefined) value = value && typeof value === 'object' ? (value as IDataObject)[option] : undefined;
	const text = typeof value === 'string' ? value.trim() : '';
	return text.startsWith('=') ? '' : text;
}

/**
 * The location for a lookup: Options → Location ID (Override), else the
 * top-level Location ID of a workflow saved by an older version (or the
 * Custom API Call's), else the credential's.
 */
export async function lookupLocation(ctx: ILoadOptionsFunctions): Promise<string> {
	const fromNode = typedParameter(ctx, 'options', 'locationId') || typedParameter(ctx, 'locationId');
	if (fromNode !== '') return fromNode;
	const connection = await ghlTransport.connect(ctx);
	return String(connection.defaults.locationId ?? '');
}

/** The records under `key` in an API answer (`{ users: [...] }`), or none. */
export function recordsAt(body: unknown, key: string): IDataObject[] {
	const list = ((body ?? {}) as IDataObject)[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}
