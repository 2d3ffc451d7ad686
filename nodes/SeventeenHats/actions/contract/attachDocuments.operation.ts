import type { OperationDefinition } from '../../../common/operation';
import { toList } from '../../helpers/body';
import { CONTRACT, locator } from '../common.descriptions';
import { postEach, recordKeyOf } from '../records';

export const attachContractDocuments: OperationDefinition = {
	resource: 'contract',
	operation: 'attachDocuments',
	name: 'Attach Documents',
	action: 'Attach documents to a contract',
	description: 'Attach one or more documents to a contract (already attached ones stay as they are)',
	method: 'POST',
	path: '/contracts/{id}/documents',
	scopes: ['contracts:write'],
	properties: [
		locator(CONTRACT),
		{
			displayName: 'Document IDs',
			name: 'documentIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'doc_123, doc_456',
			description: 'One document ID, or several separated by commas',
		},
	],
	recordKey: recordKeyOf('contracts', 'contractId'),
	execute: async (op) =>
		await postEach(
			op,
			'contracts',
			op.params.pathId('contractId'),
			'documents',
			(toList(op.params.required('documentIds')) as string[]).map((id) => ({ document_id: id })),
		),
};
