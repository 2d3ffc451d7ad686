import type { INodePropertyOptions } from 'n8n-workflow';

import { GHL_SCOPES } from './scopes';

export const GHL_PRODUCTION_BASE_URL = 'https://services.leadconnectorhq.com';

/** The GHL credentials' Custom Base URL field (Environment: Custom). */
export const GHL_CUSTOM_URL_TEXT = {
	placeholder: 'e.g. http://127.0.0.1:4010',
	description: 'The local sandbox (http://127.0.0.1:4010) or a gateway in front of HighLevel; https except on loopback',
};

/** HighLevel's API version header, required on every v2 request. */
export const GHL_API_VERSION = '2021-07-28';

export const ghlScopeOptions: INodePropertyOptions[] = GHL_SCOPES.map((row) => ({
	name: row.scope,
	value: row.scope,
	description: `${row.access}: ${row.endpoints.slice(0, 3).join(', ')}${row.endpoints.length > 3 ? ', …' : ''}`,
}));

/** The scopes this package's nodes use; the OAuth2 credential requests them by default. */
export const GHL_DEFAULT_OAUTH_SCOPES = [
	'contacts.readonly',
	'contacts.write',
	'invoices.readonly',
	'invoices.write',
	'invoices/schedule.readonly',
	'invoices/schedule.write',
	'invoices/template.readonly',
	'invoices/template.write',
	'locations.readonly',
	'locations/customFields.readonly',
	'locations/customFields.write',
	'locations/customValues.readonly',
	'locations/customValues.write',
	'locations/tags.readonly',
	'locations/tags.write',
	'opportunities.readonly',
	'opportunities.write',
	'users.readonly',
];
