/**
 * An operation is a declaration: its fields, method, path, scopes, how to
 * build the request from an item and how to read the response. The shared
 * runner (runner.ts) owns the per-item loop, so every operation file stays
 * short and alike, and fixing the loop fixes every operation.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PaginationStyle } from './pagination';
import { pathSegmentProblem, type PathParams } from './requestPath';
import type { ApiConnection, Transport } from './transport';
import type { RetryPolicy } from './retry';

export interface RequestParts {
	/** Values for the path template's `{name}` segments; read them with `params.pathId(...)`. */
	pathParams?: PathParams;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Overrides the declared path (rarely needed). */
	path?: string;
}

/** Reads one item's parameters, with errors that name the field. */
export class ItemParameters {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		readonly properties: INodeProperties[],
		readonly connection: ApiConnection,
	) {}

	private displayName(name: string): string {
		return this.properties.find((p) => p.name === name)?.displayName ?? name;
	}

	/** Any parameter, with a fallback when it is not shown for this operation. */
	get<T = unknown>(name: string, fallback?: T): T {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback as never) as T;
	}

	/** A required text value; empty fails the item and names the field. */
	required(name: string): string {
		const raw = this.ctx.getNodeParameter(name, this.itemIndex, '', { extractValue: true });
		const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
		if (value === '') {
			throw new NodeOperationError(this.ctx.getNode(), `The field "${this.displayName(name)}" is required`, {
				itemIndex: this.itemIndex,
				description: `Set "${this.displayName(name)}" (parameter "${name}") or map a value into it from the input.`,
			});
		}
		return value;
	}

	/**
	 * A required value that becomes one segment of the request path (an ID).
	 * Empty, `.`, `..`, or anything holding `/`, `\\`, `?`, `#` or control
	 * characters (also %-encoded) fails the item naming the field, since it
	 * would send the request to another endpoint. With `fallback` (the
	 * credential's default, e.g. its location) the field may be left empty.
	 */
	pathId(name: string, fallback?: string): string {
		const fromField = fallback === undefined ? this.required(name) : this.optional(name);
		const value = fromField ?? fallback ?? '';
		const problem = pathSegmentProblem(value);
		if (problem) {
			const field = `"${this.displayName(name)}"`;
			throw new NodeOperationError(
				this.ctx.getNode(),
				fromField === undefined ? `The field ${field} is empty, and the credential's default ${problem}` : `The field ${field} ${problem}`,
				{
					itemIndex: this.itemIndex,
					description: `${field} (parameter "${name}") is one segment of the request path; such a value would send the request to another endpoint. Nothing was sent.`,
				},
			);
		}
		return value;
	}

	/** An optional text value; undefined when empty. */
	optional(name: string): string | undefined {
		const raw = this.ctx.getNodeParameter(name, this.itemIndex, '', { extractValue: true });
		if (raw === undefined || raw === null) return undefined;
		const value = String(raw).trim();
		return value === '' ? undefined : value;
	}

	/** A collection parameter (e.g. Additional Fields) as an object. */
	collection(name: string): IDataObject {
		return (this.ctx.getNodeParameter(name, this.itemIndex, {}) ?? {}) as IDataObject;
	}

	/** Parses a JSON parameter, failing the item with the field's name when it is not JSON. */
	json(name: string): IDataObject | IDataObject[] | undefined {
		const raw = this.ctx.getNodeParameter(name, this.itemIndex, undefined);
		if (raw === undefined || raw === null || raw === '') return undefined;
		if (typeof raw === 'object') return raw as IDataObject;
		try {
			return JSON.parse(String(raw)) as IDataObject;
		} catch {
			throw new NodeOperationError(this.ctx.getNode(), `The field "${this.displayName(name)}" is not valid JSON`, {
				itemIndex: this.itemIndex,
			});
		}
	}

	/** Defaults from the credential, e.g. GHL's location id. */
	default(name: string): string {
		return String(this.connection.defaults[name] ?? '');
	}

	/** The input item's JSON. */
	input(): IDataObject {
		return this.ctx.getInputData()[this.itemIndex]?.json ?? {};
	}
}

export interface OperationContext {
	ctx: IExecuteFunctions;
	itemIndex: number;
	params: ItemParameters;
	transport: Transport;
	retry: Partial<RetryPolicy>;
	definition: OperationDefinition;
}

export interface OperationDefinition {
	resource: string;
	/** Operation value, e.g. `getAll`. */
	operation: string;
	/** Shown in the operation dropdown, e.g. "Get Many". */
	name: string;
	/** Shown in the actions panel, e.g. "Get many contacts". */
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Path template below the base URL, e.g. `/contacts/{contactId}`. */
	path: string;
	/** Scopes the call needs (checked against the credential before sending). */
	scopes: string[];
	/** The operation's own fields; the builder adds resource/operation display options. */
	properties: INodeProperties[];
	/** Builds path parameters, query and body from the item. */
	request?(params: ItemParameters): RequestParts;
	/** Set for list operations: Return All follows this style to the end. */
	pagination?: PaginationStyle;
	/** Turns the response body into output JSON; one object or a list of items. */
	output?(body: unknown, params: ItemParameters): IDataObject | IDataObject[];
	/** For operations that need more than one request; replaces request/output. */
	execute?(op: OperationContext): Promise<IDataObject | IDataObject[]>;
	/** Extra status codes that are answers rather than errors. */
	acceptStatus?: number[];
	/** A POST that may safely be sent twice (a search, an upsert); see ApiRequest.idempotent. */
	idempotent?: boolean;
	/**
	 * The record an item changes, e.g. `/contacts/abc`: items with the same key
	 * run one after another in input order, others concurrently. Undefined runs
	 * the item freely. Default: `writeRecordKey` (for writes, the request path
	 * up to its last path parameter). Set it for `execute` operations that write.
	 */
	recordKey?(params: ItemParameters): string | undefined;
}

/**
 * The default record key: for a write (any method but GET) whose path has
 * parameters, the path up to the last one, filled in — Add Tags and Update on
 * contact `abc` both give `/contacts/abc`. Reads, and paths without
 * parameters (a create), run freely. A parameter that cannot be read leaves
 * the item keyless; it fails when it runs.
 */
export function writeRecordKey(definition: OperationDefinition, params: ItemParameters): string | undefined {
	if (definition.method === 'GET' || !definition.request) return undefined;
	let parts: RequestParts;
	try {
		parts = definition.request(params);
	} catch {
		return undefined;
	}
	const segments = (parts.path ?? definition.path).split('/');
	const last = segments.map((segment) => segment.includes('{')).lastIndexOf(true);
	if (last < 0) return undefined;
	const values = parts.pathParams ?? {};
	return segments
		.slice(0, last + 1)
		.map((segment) => segment.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')))
		.join('/');
}

export interface ResourceDefinition {
	name: string;
	value: string;
	description?: string;
	operations: OperationDefinition[];
}

export type OperationResult = INodeExecutionData[];
