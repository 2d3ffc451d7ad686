import type { ResourceDefinition } from '../../../common/operation';
import { getContact } from './get.operation';

export const contactResource: ResourceDefinition = {
	name: 'Contact',
	value: 'contact',
	description: 'A 17hats contact (lead or client)',
	operations: [getContact],
};
