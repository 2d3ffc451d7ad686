import type { ResourceDefinition } from '../../../common/operation';
import { attachContractDocuments } from './attachDocuments.operation';
import { createContract } from './create.operation';
import { getContract } from './get.operation';
import { getManyContracts } from './getAll.operation';
import { sendContract } from './send.operation';
import { updateContract } from './update.operation';
import { updateContractStatus } from './updateStatus.operation';

export const contractResource: ResourceDefinition = {
	name: 'Contract',
	value: 'contract',
	description: 'A 17hats contract: status, renewal and attached documents',
	operations: [
		attachContractDocuments,
		createContract,
		getContract,
		getManyContracts,
		sendContract,
		updateContract,
		updateContractStatus,
	],
};
