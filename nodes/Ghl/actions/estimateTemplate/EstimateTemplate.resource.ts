import type { ResourceDefinition } from '../../../common/operation';
import { createEstimateTemplate } from './create.operation';
import { deleteEstimateTemplate } from './delete.operation';
import { getAllEstimateTemplates } from './getAll.operation';
import { previewEstimateTemplate } from './preview.operation';
import { updateEstimateTemplate } from './update.operation';

export const estimateTemplateResource: ResourceDefinition = {
	name: 'Estimate Template',
	value: 'estimateTemplate',
	description: 'A reusable estimate layout',
	operations: [createEstimateTemplate, getAllEstimateTemplates, updateEstimateTemplate, deleteEstimateTemplate, previewEstimateTemplate],
};
