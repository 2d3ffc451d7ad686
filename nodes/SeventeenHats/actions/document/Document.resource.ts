import type { ResourceDefinition } from '../../../common/operation';
import { createDocument } from './create.operation';
import { deleteDocument } from './delete.operation';
import { getDocument } from './get.operation';
import { getManyDocuments } from './getAll.operation';
import { linkDocumentToContact } from './linkToContact.operation';
import { sendDocument } from './send.operation';
import { setDocumentMetadata } from './setMetadata.operation';
import { updateDocument } from './update.operation';

export const documentResource: ResourceDefinition = {
	name: 'Document',
	value: 'document',
	description: 'A 17hats document: quote, contract, invoice or questionnaire',
	operations: [
		setDocumentMetadata,
		createDocument,
		deleteDocument,
		getDocument,
		getManyDocuments,
		linkDocumentToContact,
		sendDocument,
		updateDocument,
	],
};
