import type { OperationDefinition } from '../../../common/operation';
import { filtersCollection, returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { compact, locationOf } from '../../helpers/request';

export const getAllDocumentTemplates: OperationDefinition = {
	resource: 'documentTemplate',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many document templates',
	description: 'List document & contract templates (skip/limit pagination)',
	method: 'GET',
	path: '/proposals/templates',
	scopes: [],
	properties: [
		locationIdField,
		...returnAllFields(100),
		filtersCollection([
			{ displayName: 'Date From', name: 'dateFrom', type: 'dateTime', default: '' },
			{ displayName: 'Date To', name: 'dateTo', type: 'dateTime', default: '' },
			{ displayName: 'Is Public Document', name: 'isPublicDocument', type: 'boolean', default: false, description: 'Whether to list only public documents' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Type', name: 'type', type: 'string', default: '', placeholder: 'proposal,estimate' },
			{ displayName: 'User ID', name: 'userId', type: 'string', default: '' },
		]),
	],
	request: (p) => ({ qs: { locationId: locationOf(p), ...compact(p.collection('filters')) } }),
	pagination: { type: 'skip', itemsKey: 'data', pageSize: 100, totalKey: 'total' },
};
