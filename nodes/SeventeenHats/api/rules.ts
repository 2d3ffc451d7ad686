/** 17hats' own rules a request must meet, checked before it is sent. */
import type { IDataObject } from 'n8n-workflow';

/** A new contact needs a first name, last name or email. */
export function hasContactIdentity(body: IDataObject): boolean {
	return Boolean(body.first_name || body.last_name || body.email);
}
