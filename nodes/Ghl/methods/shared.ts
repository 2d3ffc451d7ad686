import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { ghlTransport } from '../transport';

/** The location for a lookup: the node's Location ID field, else the credential's. */
export async function lookupLocation(ctx: ILoadOptionsFunctions): Promise<string> {
	let fromField = '';
	try {
		fromField = String(ctx.getCurrentNodeParameter('locationId') ?? '').trim();
	} catch {
		fromField = '';
	}
	if (fromField !== '' && !fromField.startsWith('=')) return fromField;
	const connection = await ghlTransport.connect(ctx);
	return String(connection.defaults.locationId ?? '');
}

export function listOf(body: unknown, key: string): IDataObject[] {
	const list = ((body ?? {}) as IDataObject)[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}
