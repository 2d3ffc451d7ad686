import { followersOperation } from '../shared.operations';
import { opportunityFollowers } from './fields';

/** POST /opportunities/{id}/followers with `{ followers: [userId, …] }`. */
export const addOpportunityFollowers = followersOperation('add', opportunityFollowers);
