import type { ResourceDefinition } from '../../../common/operation';
import { addOpportunityFollowers } from './addFollowers.operation';
import { createOpportunity } from './create.operation';
import { deleteOpportunity } from './delete.operation';
import { getOpportunity } from './get.operation';
import { getAllOpportunities } from './getAll.operation';
import { getPipelines } from './getPipelines.operation';
import { removeOpportunityFollowers } from './removeFollowers.operation';
import { updateOpportunity } from './update.operation';
import { updateOpportunityStatus } from './updateStatus.operation';
import { upsertOpportunity } from './upsert.operation';

export const opportunityResource: ResourceDefinition = {
	name: 'Opportunity',
	value: 'opportunity',
	description: 'A deal in a pipeline',
	operations: [
		createOpportunity,
		upsertOpportunity,
		getOpportunity,
		getAllOpportunities,
		updateOpportunity,
		updateOpportunityStatus,
		deleteOpportunity,
		getPipelines,
		addOpportunityFollowers,
		removeOpportunityFollowers,
	],
};
