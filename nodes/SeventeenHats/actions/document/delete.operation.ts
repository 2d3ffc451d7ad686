import type { OperationDefinition } from '../../../common/operation';
import { DOCUMENT, locator } from '../common.descriptions';

export const deleteDocument: OperationDefinition = {
	resource: 'document',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a document',
	description: 'Delete a 17hats document (it is also detached from contracts)',
	method: 'DELETE',
	path: '/documents/{id}',
	scopes: ['documents:write'],
	properties: [locator(DOCUMENT)],
	request: (p) => ({ pathParams: { id: p.pathId('documentId') } }),
	output: (_body, p) => ({ deleted: true, document_id: p.required('documentId') }),
};
