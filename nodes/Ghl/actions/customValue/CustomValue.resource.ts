import type { ResourceDefinition } from '../../../common/operation';
import { createCustomValue } from './create.operation';
import { deleteCustomValue } from './delete.operation';
import { getCustomValue } from './get.operation';
import { getAllCustomValues } from './getAll.operation';
import { updateCustomValue } from './update.operation';

export const customValueResource: ResourceDefinition = {
	name: 'Custom Value',
	value: 'customValue',
	description: 'A location-wide value used in templates ({{custom_values.x}})',
	operations: [getAllCustomValues, getCustomValue, createCustomValue, updateCustomValue, deleteCustomValue],
};
