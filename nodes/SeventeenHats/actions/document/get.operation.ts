import type { OperationDefinition } from '../../../common/operation';
import { DOCUMENT, locator } from '../common.descriptions';

export const getDocument: OperationDefinition = {
	resource: 'document',
	operation: 'get',
	name: 'Get',
	action: 'Get a document',
	description: 'Get a 17hats document by ID',
	method: 'GET',
	path: '/documents/{id}',
	scopes: ['documents:read'],
	properties: [locator(DOCUMENT)],
	request: (p) => ({ pathParams: { id: p.pathId('documentId') } }),
};
