/** Every GHL resource the action node offers; the description and the catalog are built from this. */
import type { ResourceDefinition } from '../../common/operation';
import { contactResource } from './contact/Contact.resource';
import { locationResource } from './location/Location.resource';

export const ghlResources: ResourceDefinition[] = [contactResource, locationResource];
