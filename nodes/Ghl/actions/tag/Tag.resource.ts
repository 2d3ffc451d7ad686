import type { ResourceDefinition } from '../../../common/operation';
import { createTag } from './create.operation';
import { deleteTag } from './delete.operation';
import { getTag } from './get.operation';
import { getAllTags } from './getAll.operation';
import { updateTag } from './update.operation';

export const tagResource: ResourceDefinition = {
	name: 'Tag',
	value: 'tag',
	description: 'A contact tag of a location',
	operations: [getAllTags, getTag, createTag, updateTag, deleteTag],
};
