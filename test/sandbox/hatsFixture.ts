/**
 * The fake 17hats (sandbox/hats) started in-process for node tests over real
 * HTTP: records put straight into its store, what the nodes sent read from
 * its request log, and `intercept` to play a racing run, hold a request back
 * or lose an answer. `HatsFixture.use()` gives a test file one sandbox and one
 * engine harness, emptied before each test.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { COLLECTIONS, type CollectionName } from '../../nodes/SeventeenHats/api/collections';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox/hats';
import { createRecord, DEFS } from '../../sandbox/hats/resources';
import type { SandboxRequest, SandboxResponse } from '../../sandbox/common/http';
import { hatsCredentials } from '../support/fixtures';
import { createHarness, nodeType, type EngineHarness, type WorkflowRunResult } from '../support/harness';

export interface SentRequest {
	method: string;
	/** Below /v1, e.g. `/contacts/ct_1`. */
	path: string;
	query: Record<string, string>;
	body: IDataObject | undefined;
	status: number;
}

/** What `intercept` sees of a request. */
export interface InterceptedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	body: IDataObject | undefined;
}

export type Intercept = (req: InterceptedRequest, next: () => Promise<SandboxResponse>) => Promise<SandboxResponse>;

const API = '/v1';

/** A 500 that stands for an answer lost after 17hats applied the request. */
export const LOST_ANSWER: SandboxResponse = {
	status: 500,
	body: { error: { code: 'internal', message: 'Lost answer (test)', request_id: 'req_lost' } },
};

/** A list answer with no records (a read that "does not see" a record yet). */
export const EMPTY_LIST: SandboxResponse = { status: 200, body: { data: [], next_cursor: null } };

/** Resolves when `done()` holds or after `ms`, whichever comes first. */
export async function until(done: () => boolean, ms: number): Promise<void> {
	const end = Date.now() + ms;
	while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
}

export class HatsFixture {
	private started?: { sandbox: HatsSandbox; harness: EngineHarness };

	/** The test file's fixture: started before its tests, emptied before each, closed after. */
	static use(): HatsFixture {
		const fx = new HatsFixture();
		beforeAll(async () => {
			fx.started = {
				sandbox: await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: 100_000, windowMs: 60_000 } }),
				harness: await createHarness(),
			};
		});
		afterAll(async () => await fx.started?.sandbox.close());
		beforeEach(async () => await fx.reset());
		return fx;
	}

	get sandbox(): HatsSandbox {
		if (!this.started) throw new Error('HatsFixture: used before its beforeAll ran');
		return this.started.sandbox;
	}

	get harness(): EngineHarness {
		if (!this.started) throw new Error('HatsFixture: used before its beforeAll ran');
		return this.started.harness;
	}

	/** Runs the GHL to 17hats Sync node (named "Sync") on these items against the sandbox. */
	async runSync(input: IDataObject[], parameters: IDataObject = {}, continueOnFail = false): Promise<WorkflowRunResult> {
		const node = { name: 'Sync', type: nodeType('ghlTo17hatsSync'), parameters: { entity: 'auto', ...parameters } } as unknown as INode;
		if (continueOnFail) node.onError = 'continueRegularOutput';
		return await this.harness.runWorkflow({
			nodes: [node],
			credentials: { seventeenHatsApi: this.credentials() },
			input: input.map((json) => ({ json })),
		});
	}

	/** An empty 17hats, no faults, no intercept, fresh rate-limit buckets in the nodes. */
	private async reset(): Promise<void> {
		this.sandbox.intercept = undefined;
		// The sandbox's own reset: store, request log, faults and rate limit.
		await fetch(`${this.sandbox.origin}/__admin/reset`, { method: 'POST' });
		resetBuckets();
	}

	/** The credential of this sandbox. */
	credentials(): ICredentialDataDecryptedObject {
		return hatsCredentials({ baseUrl: this.sandbox.url, apiKey: this.sandbox.apiKey });
	}

	/** Runs every API request through `hook` (unset: none). */
	set intercept(hook: Intercept | undefined) {
		this.sandbox.intercept = hook
			? async (req: SandboxRequest, next) =>
					await hook({ method: req.method, path: req.path.slice(API.length), query: req.query, body: req.body as IDataObject | undefined }, next)
			: undefined;
	}

	/** Puts a record straight into the store (17hats' own rules apply: references must exist). */
	insert(name: CollectionName, data: IDataObject): IDataObject {
		return createRecord(this.sandbox.store, DEFS[name], data as Record<string, unknown>) as IDataObject;
	}

	/** A contact with the project the sync gives a GHL contact (`contact:<ghlContactId>`). */
	insertClient(contact: IDataObject, ghlContactId: string): { contact: IDataObject; project: IDataObject } {
		const inserted = this.insert('contacts', contact);
		const project = this.insert('projects', {
			contact_id: inserted.contact_id,
			name: String(contact.first_name ?? ghlContactId),
			external_id: `contact:${ghlContactId}`,
		});
		return { contact: inserted, project };
	}

	records(name: CollectionName): IDataObject[] {
		return this.sandbox.store.all(name) as IDataObject[];
	}

	/** The id of a record, by the collection's id key. */
	idOf(name: CollectionName, record: IDataObject | undefined): string {
		return String(record?.[COLLECTIONS[name].idKey]);
	}

	/** Every API request the sandbox answered, in order. */
	log(): SentRequest[] {
		return this.sandbox.requestLog
			.list({ path: /^\/v1\// })
			.map((e) => ({ method: e.method, path: e.path.slice(API.length), query: e.query, body: e.body as IDataObject | undefined, status: e.status }));
	}

	writes(): SentRequest[] {
		return this.log().filter((r) => r.method !== 'GET');
	}

	/** The ids of the documents really sent (17hats e-mails one per entry). */
	outbox(): string[] {
		return this.sandbox.store.outbox.map((m) => m.id);
	}
}
