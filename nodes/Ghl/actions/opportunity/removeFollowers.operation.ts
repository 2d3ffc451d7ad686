import { followersOperation } from '../shared.operations';
import { opportunityFollowers } from './fields';

/** DELETE /opportunities/{id}/followers with `{ followers: [userId, …] }`. */
export const removeOpportunityFollowers = followersOperation('remove', opportunityFollowers);
