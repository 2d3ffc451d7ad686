import type { OperationDefinition } from '../../../common/operation';
import { filtersCollection, returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { locationOf } from '../../helpers/request';
import { documentPaymentStatusOptions, documentStatusOptions } from './fields';

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
		filtersCollection([
			{ displayName: 'Date From', name: 'dateFrom', type: 'dateTime', default: '', description: 'Set together with Date To' },
			{ displayName: 'Date To', name: 'dateTo', type: 'dateTime', default: '', description: 'Set together with Date From' },
			{ displayName: 'Payment Status', name: 'paymentStatus', type: 'multiOptions', options: documentPaymentStatusOptions, default: [] },
			{ displayName: 'Query', name: 'query', type: 'string', default: '', description: 'Text to search for' },
			{ displayName: 'Status', name: 'status', type: 'multiOptions', options: documentStatusOptions, default: [] },
		]),
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
