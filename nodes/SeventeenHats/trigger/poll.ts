/**
 * One poll of the 17hats Trigger: read what changed since the window's
 * horizon, report each new version once, move the window on. The first poll
 * only records what exists; a manual run returns the latest records as
 * samples and leaves the memory alone.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { advance, loadWindow, newWindow, saveWindow } from '../../common/changeWindow';
import { fingerprint } from '../../common/hash';
import { hatsTransport } from '../transport';
import { baseline, diffRecords, eventsFor, type TriggerEvent, type TriggerFilters } from './events';
import { readChangedSince, readLatest } from './read';
import { TRIGGER_RESOURCES, type TriggerResource } from './resources';

/** Records a manual run returns. */
export const SAMPLE_SIZE = 5;
/** Where the window lives in the node's static data. */
const SLOT = 'changes';

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter((v) => v !== '');
	return String(value ?? '')
		.split(/[\s,;]+/)
		.filter((v) => v !== '');
}

function toItems(found: IDataObject[]): INodeExecutionData[][] | null {
	return found.length > 0 ? [found.map((json) => ({ json, pairedItem: { item: 0 } }))] : null;
}

/** The chosen list filters, as 17hats' query parameters (only the ones this resource has, only when set). */
function listFiltersOf(resource: TriggerResource, raw: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const name of TRIGGER_RESOURCES[resource].listFilters) {
		const value = raw[name];
		if (typeof value === 'string' && value.trim() !== '') out[name] = value.trim();
	}
	return out;
}

/** Samples shaped like the events the settings report (or, when none fits, `<Entity>Sample`). */
function samples(resource: TriggerResource, records: Awaited<ReturnType<typeof readLatest>>, filters: TriggerFilters, now: number): IDataObject[] {
	const found: TriggerEvent[] = [];
	for (const record of records) {
		// As if first seen now (created, first status), else as a change to a known record.
		const asNew = eventsFor(resource, record, undefined, 0, filters, now);
		found.push(...(asNew.length > 0 ? asNew : eventsFor(resource, record, undefined, Infinity, filters, now)));
	}
	if (found.length > 0) return found.map((e) => ({ ...e, sample: true }));
	const entity = TRIGGER_RESOURCES[resource].entity;
	return records.map((r) => ({
		event: `${entity}Sample`,
		entity,
		id: r.id,
		status: r.status ?? null,
		previous: null,
		changedAt: new Date(r.updatedAt).toISOString(),
		detectedAt: new Date(now).toISOString(),
		data: r.raw,
		sample: true,
	}));
}

export async function pollOnce(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const resource = this.getNodeParameter('resource', 'contact') as TriggerResource;
	const def = TRIGGER_RESOURCES[resource];
	if (!def) throw new NodeOperationError(this.getNode(), `Unknown resource "${String(resource)}"`);
	const events = list(this.getNodeParameter('events', []));
	if (events.length === 0) throw new NodeOperationError(this.getNode(), 'Events is empty: choose at least one event to watch');
	const rawFilters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const chosenStatuses = list(rawFilters.statuses);
	const filters: TriggerFilters = {
		events,
		statuses: def.statuses ? (chosenStatuses.length > 0 ? chosenStatuses : (def.defaultStatuses ?? [])) : [],
	};
	const listFilters = listFiltersOf(resource, rawFilters);
	const now = Date.now();

	if (this.getMode() === 'manual') {
		return toItems(samples(resource, await readLatest(this, resource, listFilters, SAMPLE_SIZE, now), filters, now));
	}

	const connection = await hatsTransport.connect(this);
	// Another account, resource or list filter is another set of records: start over, report nothing old.
	const key = fingerprint(resource, connection.baseUrl, JSON.stringify(listFilters));
	const staticData = this.getWorkflowStaticData('node');
	const existing = loadWindow(staticData, SLOT, key);
	if (!existing) {
		const state = newWindow(key, now);
		const newest = baseline(await readChangedSince(this, resource, state.horizon, listFilters), state);
		advance(state, newest);
		saveWindow(staticData, SLOT, state);
		return null;
	}
	const records = await readChangedSince(this, resource, existing.horizon, listFilters);
	const { events: found, newest } = diffRecords(resource, records, existing, filters, now);
	advance(existing, newest);
	saveWindow(staticData, SLOT, existing);
	return toItems(found);
}
