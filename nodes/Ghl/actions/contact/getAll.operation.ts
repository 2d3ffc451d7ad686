import type { OperationDefinition } from '../../../common/operation';
import { filtersCollection, returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { locationOf } from '../../helpers/request';

export const getAllContacts: OperationDefinition = {
	resource: 'contact',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description: 'List contacts page by page (cursor pagination)',
	method: 'GET',
	path: '/contacts/',
	scopes: ['contacts.readonly'],
	properties: [
		locationIdField,
		...returnAllFields(100),
		filtersCollection([
			{
				displayName: 'Query',
				name: 'query',
				type: 'string',
				default: '',
				description: 'Text to match against name, email, phone and other contact fields',
			},
		]),
	],
	request: (p) => {
		const filters = p.collection('filters');
		return {
			qs: {
				locationId: locationOf(p),
				...(filters.query ? { query: filters.query } : {}),
			},
		};
	},
	// Every page sends both startAfterId and startAfter back, with locationId and the filters.
	pagination: { type: 'ghlCursor', itemsKey: 'contacts', pageSize: 100 },
};
