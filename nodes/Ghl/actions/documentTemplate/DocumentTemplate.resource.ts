import type { ResourceDefinition } from '../../../common/operation';
import { getAllDocumentTemplates } from './getAll.operation';
import { sendDocumentTemplate } from './send.operation';

export const documentTemplateResource: ResourceDefinition = {
	name: 'Document Template',
	value: 'documentTemplate',
	description: 'A document & contract template',
	operations: [getAllDocumentTemplates, sendDocumentTemplate],
};
