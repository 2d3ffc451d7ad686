/** Project fields. */
import { fieldsCollection, PROJECT_STATUSES, statusField } from '../common.descriptions';

export const projectAdditionalFields = fieldsCollection('additionalFields', [statusField(PROJECT_STATUSES)]);
