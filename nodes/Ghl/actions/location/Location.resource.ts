import type { ResourceDefinition } from '../../../common/operation';
import { getLocation } from './get.operation';
import { getLocationTimezones } from './getTimezones.operation';

export const locationResource: ResourceDefinition = {
	name: 'Location',
	value: 'location',
	description: 'A HighLevel sub-account (custom values and tags are their own resources)',
	operations: [getLocation, getLocationTimezones],
};
