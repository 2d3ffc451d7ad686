import type { OperationDefinition } from '../../../common/operation';
import { sendBody } from '../../helpers/body';
import { DOCUMENT, locator } from '../common.descriptions';
import { messageField } from './document.fields';

export const sendDocument: OperationDefinition = {
	resource: 'document',
	operation: 'send',
	name: 'Send',
	action: 'Send a document to its contact',
	description: 'Email the document to its contact (the contact needs a project)',
	method: 'POST',
	path: '/documents/{id}/send',
	scopes: ['documents:write'],
	properties: [locator(DOCUMENT), messageField],
	request: (p) => ({ pathParams: { id: p.pathId('documentId') }, body: sendBody(p.optional('message')) }),
};

