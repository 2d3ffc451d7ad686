import type { ResourceDefinition } from '../../../common/operation';
import { createCustomField } from './create.operation';
import { deleteCustomField } from './delete.operation';
import { getCustomField } from './get.operation';
import { getAllCustomFields } from './getAll.operation';
import { updateCustomField } from './update.operation';

export const customFieldResource: ResourceDefinition = {
	name: 'Custom Field',
	value: 'customField',
	description: 'A contact or opportunity custom field of a location',
	operations: [getAllCustomFields, getCustomField, createCustomField, updateCustomField, deleteCustomField],
};
