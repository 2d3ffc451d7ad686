import type { ResourceDefinition } from '../../../common/operation';
import { getAllDocuments } from './getAll.operation';
import { sendDocument } from './send.operation';

/** Documents & Contracts (proposals). HighLevel's scope table lists no scope for these endpoints. */
export const documentResource: ResourceDefinition = {
	name: 'Document',
	value: 'document',
	description: 'A document or contract (proposal)',
	operations: [getAllDocuments, sendDocument],
};
