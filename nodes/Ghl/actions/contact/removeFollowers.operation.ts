import { followersOperation } from '../shared.operations';
import { contactFollowers } from './fields';

/** DELETE /contacts/{contactId}/followers with `{ followers: [userId, …] }`. */
export const removeContactFollowers = followersOperation('remove', contactFollowers);
