import type { OperationDefinition } from '../../../common/operation';
import { CONTRACT_MAP } from '../../helpers/maps';
import { CONTRACT, locator, metadataField, metadataModeField } from '../common.descriptions';
import { recordKeyOf, updateFrom } from '../records';
import { contractUpdateFields } from './contract.fields';

export const updateContract: OperationDefinition = {
	resource: 'contract',
	operation: 'update',
	name: 'Update',
	action: 'Update a contract',
	description: 'Update a 17hats contract; metadata is merged unless Metadata Mode is Replace',
	method: 'PATCH',
	path: '/contracts/{id}',
	scopes: ['contracts:write'],
	properties: [locator(CONTRACT), contractUpdateFields, metadataField, metadataModeField],
	recordKey: recordKeyOf('contracts', 'contractId'),
	execute: updateFrom('contracts', 'contractId', CONTRACT_MAP),
};
