import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId } from '../../helpers/request';

export const getLocationTimezones: OperationDefinition = {
	resource: 'location',
	operation: 'getTimezones',
	name: 'Get Timezones',
	action: 'Get the timezones available to a location',
	description: 'List the timezones a location can use',
	method: 'GET',
	path: '/locations/{locationId}/timezones',
	scopes: ['locations.readonly'],
	properties: [locationIdField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p) } }),
};
