import type { OperationDefinition } from '../../../common/operation';
import { CONTRACT_MAP } from '../../helpers/maps';
import { recordBody } from '../bodies';
import { CONTACT, locator, metadataField, nameField } from '../common.descriptions';
import { contractAdditionalFields } from './contract.fields';

export const createContract: OperationDefinition = {
	resource: 'contract',
	operation: 'create',
	name: 'Create',
	action: 'Create a contract',
	description: 'Create a 17hats contract for a contact',
	method: 'POST',
	path: '/contracts',
	scopes: ['contracts:write'],
	properties: [locator(CONTACT), nameField, contractAdditionalFields, metadataField],
	request: (p) => ({ body: recordBody(p, CONTRACT_MAP, { required: ['contactId', 'name'], collection: 'additionalFields' }) }),
};
