import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { locationOf } from '../../helpers/request';

export const getAllDocuments: OperationDefinition = {
	resource: 'document',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many documents',
	description: 'List documents & contracts (proposals), filtered by status, payment status, dates and text (skip/limit pagination)',
	method: 'GET',
	path: '/proposals/document',
	scopes: [],
	properties: [
		locationIdField,
		...returnAllFields(100),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add filter',
			default: {},
			options: [
				{ displayName: 'Date From', name: 'dateFrom', type: 'dateTime', default: '', description: 'Set together with Date To' },
				{ displayName: 'Date To', name: 'dateTo', type: 'dateTime', default: '', description: 'Set together with Date From' },
				{
					displayName: 'Payment Status',
					name: 'paymentStatus',
					type: 'multiOptions',
					options: [
						{ name: 'No Payment', value: 'no_payment' },
						{ name: 'Paid', value: 'paid' },
						{ name: 'Waiting for Payment', value: 'waiting_for_payment' },
					],
					default: [],
				},
				{ displayName: 'Query', name: 'query', type: 'string', default: '', description: 'Text to search for' },
				{
					displayName: 'Status',
					name: 'status',
					type: 'multiOptions',
					options: [
						{ name: 'Accepted', value: 'accepted' },
						{ name: 'Completed', value: 'completed' },
						{ name: 'Draft', value: 'draft' },
						{ name: 'Sent', value: 'sent' },
						{ name: 'Viewed', value: 'viewed' },
					],
					default: [],
				},
			],
		},
	],
	request: (p) => {
		const f = p.collection('filters');
		const qs: Record<string, string> = { locationId: locationOf(p) };
		for (const key of ['status', 'paymentStatus']) {
			const value = f[key];
			const list = Array.isArray(value) ? value.map(String) : value ? [String(value)] : [];
			// HighLevel takes several values comma-separated.
			if (list.length > 0) qs[key] = list.join(',');
		}
		for (const key of ['query', 'dateFrom', 'dateTo']) if (f[key]) qs[key] = String(f[key]);
		return { qs };
	},
	pagination: { type: 'skip', itemsKey: 'documents', pageSize: 100, totalKey: 'total' },
};
