import type { ResourceDefinition } from '../../../common/operation';
import { autoPaymentInvoiceSchedule } from './autoPayment.operation';
import { cancelInvoiceSchedule } from './cancel.operation';
import { createInvoiceSchedule } from './create.operation';
import { deleteInvoiceSchedule } from './delete.operation';
import { getInvoiceSchedule } from './get.operation';
import { getAllInvoiceSchedules } from './getAll.operation';
import { scheduleInvoiceSchedule } from './schedule.operation';
import { updateInvoiceSchedule } from './update.operation';
import { updateAndScheduleInvoiceSchedule } from './updateAndSchedule.operation';

export const invoiceScheduleResource: ResourceDefinition = {
	name: 'Invoice Schedule',
	value: 'invoiceSchedule',
	description: 'A recurring invoice',
	operations: [
		createInvoiceSchedule,
		getInvoiceSchedule,
		getAllInvoiceSchedules,
		updateInvoiceSchedule,
		deleteInvoiceSchedule,
		scheduleInvoiceSchedule,
		updateAndScheduleInvoiceSchedule,
		cancelInvoiceSchedule,
		autoPaymentInvoiceSchedule,
	],
};
