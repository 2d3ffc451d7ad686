import { followersOperation } from '../shared.operations';
import { contactFollowers } from './fields';

/** POST /contacts/{contactId}/followers with `{ followers: [userId, …] }`. */
export const addContactFollowers = followersOperation('add', contactFollowers);
