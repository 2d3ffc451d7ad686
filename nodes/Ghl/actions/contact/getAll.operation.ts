import type { OperationDefinition } from '../../../common/operation';
import { filtersCollection, returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { locationOf } from '../../helpers/request';

export const getAllContacts: OperationDefinition = {
	resource: 'contact',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description: 'List contacts page by page',
	// GET /contacts/ is deprecated in HighLevel's spec ("use Search Contacts").
	method: 'POST',
	path: '/contacts/search',
	scopes: ['contacts.readonly'],
	// A search: sending it twice does no harm, so it is retried like a GET.
	idempotent: true,
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
			body: {
				locationId: locationOf(p),
				...(filters.query ? { query: filters.query } : {}),
			},
		};
	},
	// Pages by page/pageLimit, then by each page's last searchAfter; locationId and the query go on every page.
	pagination: { type: 'ghlSearch', itemsKey: 'contacts', pageSize: 100, in: 'body' },
};
