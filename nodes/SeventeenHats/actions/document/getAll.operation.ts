import { returnAllFields } from '../../../common/describe';
import type { OperationDefinition } from '../../../common/operation';
import { listQuery } from '../../helpers/body';
import { DOCUMENT_STATUSES, HATS_PAGINATION, idFilter, listFilters, statusField } from '../common.descriptions';
import { documentTypeField } from './document.fields';

export const getManyDocuments: OperationDefinition = {
	resource: 'document',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many documents',
	description: 'List 17hats documents, optionally filtered',
	method: 'GET',
	path: '/documents',
	scopes: ['documents:read'],
	properties: [
		...returnAllFields(),
		listFilters([
			idFilter('Contact ID', 'contactId'),
			{ ...documentTypeField, required: false },
			idFilter('Project ID', 'projectId'),
			statusField(DOCUMENT_STATUSES),
		]),
	],
	request: (p) => ({ qs: listQuery(p.collection('filters')) }),
	pagination: HATS_PAGINATION,
};
