/**
 * The sync node's view of 17hats: reads always go out, writes only when not
 * in dry run. Everything goes through the shared 17hats transport.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { PathParams } from '../../common/requestPath';
import type { RetryPolicy } from '../../common/retry';
import { hatsTransport } from '../../SeventeenHats/transport';

export type HatsResource = 'contacts' | 'projects' | 'documents' | 'contracts' | 'invoices';

export const ID_FIELD: Record<HatsResource, string> = {
	contacts: 'contact_id',
	projects: 'project_id',
	documents: 'document_id',
	contracts: 'contract_id',
	invoices: 'invoice_id',
};

/** Thrown when dry run reaches a write; never escapes the engine. */
export class DryRunWrite extends Error {}

export class HatsClient {
	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly itemIndex: number,
		readonly dryRun: boolean,
		private readonly retry: Partial<RetryPolicy> = {},
	) {}

	private scope(resource: string, write: boolean): string[] {
		const base = resource.split('/')[1] ?? resource;
		return [`${base}:${write ? 'write' : 'read'}`];
	}

	/** GET /{res}?… first match, or undefined. */
	async findOne(resource: HatsResource, qs: IDataObject): Promise<IDataObject | undefined> {
		const body = await hatsTransport.call<IDataObject>(this.ctx, {
			method: 'GET',
			path: `/${resource}`,
			qs: { ...qs, limit: 1 },
			scopes: this.scope(`/${resource}`, false),
			itemIndex: this.itemIndex,
			retry: this.retry,
		});
		const data = Array.isArray(body?.data) ? (body.data as IDataObject[]) : [];
		return data[0];
	}

	async findAll(resource: HatsResource, qs: IDataObject): Promise<IDataObject[]> {
		return await hatsTransport.all(
			this.ctx,
			{ method: 'GET', path: `/${resource}`, qs, scopes: this.scope(`/${resource}`, false), itemIndex: this.itemIndex, retry: this.retry },
			{ type: 'hatsCursor', itemsKey: 'data', pageSize: 100 },
		);
	}

	async get(resource: HatsResource, id: string): Promise<IDataObject | undefined> {
		const response = await hatsTransport.request<IDataObject>(this.ctx, {
			method: 'GET',
			path: `/${resource}/{id}`,
			pathParams: { id },
			scopes: this.scope(`/${resource}`, false),
			itemIndex: this.itemIndex,
			acceptStatus: [404],
			retry: this.retry,
		});
		return response.status === 404 ? undefined : response.body;
	}

	/**
	 * A write to a path template (ids go in `pathParams`, e.g. `/contacts/{id}`);
	 * in dry run it throws DryRunWrite (callers check `dryRun` first).
	 */
	async write(
		method: IHttpRequestMethods,
		path: string,
		body?: IDataObject,
		acceptStatus: number[] = [],
		pathParams?: PathParams,
	): Promise<{ status: number; body: IDataObject }> {
		if (this.dryRun) throw new DryRunWrite(`Dry run: ${method} ${path} was not sent`);
		const response = await hatsTransport.request<IDataObject>(this.ctx, {
			method,
			path,
			pathParams,
			body,
			scopes: this.scope(path, true),
			itemIndex: this.itemIndex,
			acceptStatus,
			retry: this.retry,
			// A create carrying an external_id cannot make a second record: 17hats
			// answers 409 and the sync updates instead. Sends and the like stay unrepeated.
			idempotent: method !== 'POST' || (body !== undefined && typeof body.external_id === 'string'),
		});
		return { status: response.status, body: response.body ?? {} };
	}

	/**
	 * Sends a document unless 17hats shows it sent already (`if_unsent`): the
	 * check and the send are one step in 17hats, so the request is repeated
	 * after a lost answer like any idempotent one, and of racing runs exactly
	 * one sends. 409 `already_sent` comes back as an answer, not an error.
	 */
	async sendDocumentIfUnsent(documentId: string): Promise<{ status: number; body: IDataObject }> {
		if (this.dryRun) throw new DryRunWrite(`Dry run: POST /documents/${documentId}/send was not sent`);
		const response = await hatsTransport.request<IDataObject>(this.ctx, {
			method: 'POST',
			path: '/documents/{id}/send',
			pathParams: { id: documentId },
			body: { if_unsent: true },
			scopes: ['documents:write'],
			itemIndex: this.itemIndex,
			acceptStatus: [409],
			retry: this.retry,
			idempotent: true,
		});
		return { status: response.status, body: response.body ?? {} };
	}
}
