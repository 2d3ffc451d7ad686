import type { ResourceDefinition } from '../../../common/operation';
import { getLocation } from './get.operation';

export const locationResource: ResourceDefinition = {
	name: 'Location',
	value: 'location',
	description: 'A HighLevel sub-account',
	operations: [getLocation],
};
