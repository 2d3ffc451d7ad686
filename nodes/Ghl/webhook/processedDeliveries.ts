/**
 * Replay guard, durable side. The GHL Trigger's execute() runs as the first
 * step of the execution a delivery starts (in a queue-mode worker when there
 * are workers). It records each delivery's webhookId in n8n's processed data
 * — the `processed_data` table behind `checkProcessedAndRecord`, shared by
 * every n8n process of the instance and kept across restarts — and passes on
 * only deliveries not recorded before, so a replay that got past the
 * in-process cache (replayCache.ts: after a restart, or at another webhook
 * process) ends at the trigger and no later node runs.
 *
 * Limit: n8n reads the record, then writes it back; two executions of the
 * same id checking at the same instant in two processes can both pass. The
 * first write of a trigger's record is an INSERT that one of two racing
 * processes loses: that check is repeated, not failed.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/** webhookIds n8n keeps per trigger node (the oldest go first). n8n rewrites the whole list per execution. */
export const PROCESSED_DELIVERIES_KEPT = 10_000;

/** Checks of n8n's processed data per delivery before failing closed (see newDeliveries). */
const CHECK_ATTEMPTS = 3;

/** Execution custom data (shown in n8n's execution list) naming what was dropped. */
export const DROPPED_COUNT_KEY = 'ghlReplayDropped';
export const DROPPED_IDS_KEY = 'ghlReplayWebhookIds';
const CUSTOM_DATA_VALUE_MAX = 255;

function webhookIdOf(item: INodeExecutionData): string | undefined {
	const id = item.json.webhookId;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The items whose delivery this workflow's trigger has not processed before (items without a webhookId pass). */
export async function newDeliveries(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const ids = [...new Set(items.map(webhookIdOf).filter((id): id is string => id !== undefined))];
	if (ids.length === 0) return items;
	if (!ctx.getWorkflow().id) {
		// An unsaved workflow (a manual test) has no record to keep them in.
		ctx.logger.debug('GHL Trigger: workflow not saved, replayed deliveries are not checked against processed data');
		return items;
	}

	let fresh: Set<string> | undefined;
	let lastError: unknown;
	for (let attempt = 1; attempt <= CHECK_ATTEMPTS && !fresh; attempt++) {
		try {
			const checked = await ctx.helpers.checkProcessedAndRecord(ids, 'node', {
				mode: 'entries',
				maxEntries: PROCESSED_DELIVERIES_KEPT,
			});
			fresh = new Set(checked.new.map(String));
		} catch (error) {
			// n8n reads the record, then INSERTs when there is none: a trigger's first
			// deliveries at two workers at once break the primary key for one of them
			// (seen in queue mode). Checking again reads the record the other wrote.
			lastError = error;
			if (attempt < CHECK_ATTEMPTS) await sleep(25 + Math.random() * 75 * attempt);
		}
	}
	if (!fresh) {
		// Failing closed: passing the delivery on unchecked could run a replay's writes.
		throw new NodeOperationError(ctx.getNode(), `Could not check the delivery against n8n's processed data: ${(lastError as Error).message}`, {
			description: 'The delivery was not passed on. Re-run the execution once the database is reachable.',
		});
	}

	const passed = new Set<string>();
	const kept: INodeExecutionData[] = [];
	const dropped: string[] = [];
	for (const item of items) {
		const id = webhookIdOf(item);
		if (id === undefined) {
			kept.push(item);
		} else if (fresh.has(id) && !passed.has(id)) {
			passed.add(id);
			kept.push(item);
		} else {
			dropped.push(id);
		}
	}
	if (dropped.length > 0) {
		ctx.customData.set(DROPPED_COUNT_KEY, String(dropped.length));
		ctx.customData.set(DROPPED_IDS_KEY, dropped.join(', ').slice(0, CUSTOM_DATA_VALUE_MAX));
		ctx.logger.info(
			`GHL Trigger: dropped ${dropped.length} replayed deliver${dropped.length === 1 ? 'y' : 'ies'} already processed by this trigger; no later node runs for ${dropped.length === 1 ? 'it' : 'them'}`,
			{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name, webhookIds: dropped.slice(0, 10) },
		);
	}
	return kept;
}
