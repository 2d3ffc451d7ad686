import type { ResourceDefinition } from '../../../common/operation';
import { getAccount } from './get.operation';

export const accountResource: ResourceDefinition = {
	name: 'Account',
	value: 'account',
	description: 'The 17hats account behind the API key',
	operations: [getAccount],
};
