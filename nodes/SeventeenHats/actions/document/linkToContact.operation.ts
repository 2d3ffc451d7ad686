import type { OperationDefinition } from '../../../common/operation';
import { buildBody } from '../../helpers/body';
import { DOCUMENT_MAP } from '../../helpers/maps';
import { CONTACT, DOCUMENT, locator, PROJECT } from '../common.descriptions';

/** Document → Link to Contact (formerly Contact → Link Document): users look for it under the document. */
export const linkDocumentToContact: OperationDefinition = {
	resource: 'document',
	operation: 'linkToContact',
	name: 'Link to Contact',
	action: 'Link a document to a contact',
	description: 'Make a document belong to a contact (and, optionally, one of its projects)',
	method: 'PATCH',
	path: '/documents/{documentId}',
	scopes: ['documents:write'],
	properties: [
		locator(DOCUMENT),
		locator(CONTACT),
		{ ...locator(PROJECT, false), description: "The contact's project to file the document under; needed when the document is in another contact's project" },
	],
	request: (p) => ({
		pathParams: { documentId: p.pathId('documentId') },
		body: buildBody({ contactId: p.required('contactId'), projectId: p.optional('projectId') }, DOCUMENT_MAP),
	}),
};
