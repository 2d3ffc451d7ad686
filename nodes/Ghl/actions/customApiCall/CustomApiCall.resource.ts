import type { ResourceDefinition } from '../../../common/operation';
import { customApiCall } from './call.operation';

export const customApiCallResource: ResourceDefinition = {
	name: 'Custom API Call',
	value: 'customApiCall',
	description: 'Any HighLevel endpoint, with the selected credential',
	operations: [customApiCall],
};
