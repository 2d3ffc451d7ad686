import type { INodePropertyOptions } from 'n8n-workflow';

/** 17hats publishes no REST API; this package's contract is docs/17hats-api.yaml. */
export const HATS_PRODUCTION_BASE_URL = 'https://api.17hats.com/v1';

export const HATS_SCOPES = [
	'contacts:read',
	'contacts:write',
	'projects:read',
	'projects:write',
	'documents:read',
	'documents:write',
	'contracts:read',
	'contracts:write',
	'invoices:read',
	'invoices:write',
	'templates:read',
] as const;

export type HatsScope = (typeof HATS_SCOPES)[number];

export const hatsScopeOptions: INodePropertyOptions[] = HATS_SCOPES.map((scope) => ({
	name: scope,
	value: scope,
}));
