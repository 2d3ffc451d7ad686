/**
 * Reads the Request Options (Concurrency, Max Attempts, Max Retry Wait) every
 * action node shares. They may come from expressions, which the editor's
 * min/max cannot check: a value that is not a finite number in range fails the
 * node naming the option, instead of e.g. NaN workers running no item at all.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestOptionsProperty } from './describe';
import type { RetryPolicy } from './retry';

export const DEFAULT_CONCURRENCY = 5;

export interface RequestOptions {
	/** Items processed at once, an integer ≥ 1. */
	concurrency: number;
	/** Only what the user set; the transport fills in the rest from its defaults. */
	retry: Partial<RetryPolicy>;
}

export interface ReadRequestOptionsSettings {
	/**
	 * The collection parameter holding `concurrency`, when not `requestOptions`
	 * (the sync node keeps it under `options`).
	 */
	concurrencyParameter?: string;
}

interface OptionSpec {
	displayName: string;
	min: number;
	max: number;
	integer: boolean;
}

/** Bounds and display names come from the property the editor shows, so they cannot drift apart. */
function optionSpec(name: string): OptionSpec {
	const property = (requestOptionsProperty.options as INodeProperties[]).find((o) => o.name === name);
	if (!property) throw new Error(`Unknown request option "${name}"`);
	return {
		displayName: property.displayName,
		min: property.typeOptions?.minValue ?? Number.NEGATIVE_INFINITY,
		max: property.typeOptions?.maxValue ?? Number.POSITIVE_INFINITY,
		integer: name !== 'maxRetryWaitSeconds',
	};
}

function describeRange({ min, max, integer }: OptionSpec): string {
	const kind = integer ? 'a whole number' : 'a number';
	if (Number.isFinite(max)) return `${kind} from ${min} to ${max}`;
	return `${kind} of at least ${min}`;
}

/** A shown value, short and printable (the option came from the user's own expression). */
function shown(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The option's number, or undefined when it is not set; throws naming the option when it is unusable. */
function readNumber(ctx: IExecuteFunctions, collection: IDataObject, name: string): number | undefined {
	const value = collection[name];
	if (value === undefined) return undefined;
	const spec = optionSpec(name);
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	const valid =
		Number.isFinite(number) && number >= spec.min && number <= spec.max && (!spec.integer || Number.isInteger(number));
	if (!valid) {
		throw new NodeOperationError(ctx.getNode(), `The option "${spec.displayName}" must be ${describeRange(spec)}, not ${shown(value)}`, {
			description: 'Check the expression under Request Options; it must resolve to a number.',
		});
	}
	return number;
}

function collectionParameter(ctx: IExecuteFunctions, name: string): IDataObject {
	const value = ctx.getNodeParameter(name, 0, {}) as unknown;
	return value && typeof value === 'object' ? (value as IDataObject) : {};
}

/** Concurrency and retry settings of the node (read for the first item: they apply to the whole run). */
export function readRequestOptions(ctx: IExecuteFunctions, settings: ReadRequestOptionsSettings = {}): RequestOptions {
	const requestOptions = collectionParameter(ctx, 'requestOptions');
	const concurrencyFrom =
		settings.concurrencyParameter !== undefined ? collectionParameter(ctx, settings.concurrencyParameter) : requestOptions;

	const retry: Partial<RetryPolicy> = {};
	const maxAttempts = readNumber(ctx, requestOptions, 'maxAttempts');
	if (maxAttempts !== undefined) retry.maxAttempts = maxAttempts;
	const maxRetryWaitSeconds = readNumber(ctx, requestOptions, 'maxRetryWaitSeconds');
	if (maxRetryWaitSeconds !== undefined) retry.maxWaitMs = maxRetryWaitSeconds * 1000;

	return { concurrency: readNumber(ctx, concurrencyFrom, 'concurrency') ?? DEFAULT_CONCURRENCY, retry };
}
