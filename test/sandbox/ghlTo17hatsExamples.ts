/** GHL inputs of the sync node's tests, and the 17hats contact the ContactCreate example maps to. */
import type { IDataObject } from 'n8n-workflow';

import { loadWebhookEvent } from '../../sandbox/ghl/reference';

/** An official GHL webhook example (the committed extract, sandbox/ghl/reference-data). */
export const example = (name: string): IDataObject => structuredClone(loadWebhookEvent(name).example) as IDataObject;

/** The GHL contact of the Contact* examples. */
export const CONTACT_ID = 'nmFmQEsNgz6AVpgLVUJ0';
/** The GHL invoice of the Invoice* examples (also the id of its contact). */
export const INVOICE_ID = '6578278e879ad2646715ba9c';

/** The 17hats contact the ContactCreate example maps to. */
export function syncedContact(overrides: IDataObject = {}): IDataObject {
	return {
		first_name: 'John',
		last_name: 'Deo',
		email: 'johndeo@gmail.comm',
		phone: '+919509597501',
		company: 'Loram ipsum',
		type: 'other',
		address: { street: '3535 1st St N', city: 'ruDolomitebika', state: 'AL', postal_code: '452001', country: 'DE' },
		tags: ['id magna sed Lorem', 'Duis dolor commodo aliqua'],
		notes: null,
		external_id: CONTACT_ID,
		metadata: { source: 'ghl', ghl_id: CONTACT_ID, ghl_location_id: 've9EPM428h8vShlRW1KT' },
		last_synced_at: '2024-01-01T00:00:00.000Z',
		...overrides,
	};
}
