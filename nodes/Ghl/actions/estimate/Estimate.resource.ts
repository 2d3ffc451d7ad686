import type { ResourceDefinition } from '../../../common/operation';
import { createEstimate } from './create.operation';
import { createInvoiceFromEstimate } from './createInvoice.operation';
import { deleteEstimate } from './delete.operation';
import { generateEstimateNumber } from './generateNumber.operation';
import { getAllEstimates } from './getAll.operation';
import { sendEstimate } from './send.operation';
import { updateEstimate } from './update.operation';

/** Estimates: HighLevel's scope table lists none of these endpoints, so no scope is pre-checked. */
export const estimateResource: ResourceDefinition = {
	name: 'Estimate',
	value: 'estimate',
	description: 'A quote that can become an invoice',
	operations: [createEstimate, getAllEstimates, updateEstimate, deleteEstimate, sendEstimate, createInvoiceFromEstimate, generateEstimateNumber],
};
