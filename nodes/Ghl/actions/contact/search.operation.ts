import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { jsonField, locationIdField } from '../common.descriptions';
import { jsonArray, locationOf, parseJsonValue } from '../../helpers/request';

/**
 * POST /contacts/search. Return All pages with `page`/`pageLimit` in the body,
 * and continues with each page's last `searchAfter` when HighLevel gives one.
 */
export const searchContacts: OperationDefinition = {
	resource: 'contact',
	operation: 'search',
	name: 'Search',
	action: 'Search contacts',
	description: 'Search contacts with filters and sorting (advanced search)',
	method: 'POST',
	path: '/contacts/search',
	scopes: ['contacts.readonly'],
	// Sending it twice does no harm, so it is retried like a GET.
	idempotent: true,
	properties: [
		locationIdField,
		...returnAllFields(500),
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			description: 'Free text matched against name, email, phone, company and more',
		},
		jsonField(
			'Filters (JSON)',
			'filtersJson',
			'HighLevel search filters, e.g. [{"field":"tags","operator":"contains","value":"vip"}] or groups with "group": "AND"/"OR"',
			false,
			'[]',
		),
		jsonField('Sort (JSON)', 'sortJson', 'E.g. [{"field":"dateAdded","direction":"desc"}]', false, '[]'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Page',
					name: 'page',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description: 'Page to start at (up to 10,000 results; use Search After beyond)',
				},
				{
					displayName: 'Search After (JSON)',
					name: 'searchAfter',
					type: 'string',
					default: '',
					description: 'The "searchAfter" array of the last contact seen, e.g. [1700000000000,"abc"]. Replaces Page.',
				},
			],
		},
	],
	request: (p) => {
		const options = p.collection('options');
		const body: IDataObject = { locationId: locationOf(p) };
		const query = p.optional('query');
		if (query) body.query = query;
		const filters = jsonArray(p, 'filtersJson');
		if (filters.length > 0) body.filters = filters;
		const sort = jsonArray(p, 'sortJson');
		if (sort.length > 0) body.sort = sort;
		const searchAfter = parseJsonValue(p, options.searchAfter, 'Search After');
		if (Array.isArray(searchAfter)) body.searchAfter = searchAfter as IDataObject[];
		else if (options.page !== undefined) body.page = options.page;
		return { body };
	},
	pagination: { type: 'ghlSearch', itemsKey: 'contacts', pageSize: 100, in: 'body' },
};
