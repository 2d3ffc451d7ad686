/**
 * An API that echoes the credential back (in its trace id, headers, message,
 * URL-encoded, base64, as Basic auth, in another case) must not get it into
 * anything n8n keeps: the error (every field NodeApiError stores) and the
 * Continue On Fail item.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { useNock } from '../support/nock';
import { createHarness, nodeType, type EngineHarness, type TestNode, type WorkflowRunResult } from '../support/harness';
import { GHL_BASE, HATS_BASE, LOCATION_ID, ghlPitCredentials, hatsCredentials } from '../support/fixtures';

let harness: EngineHarness;
beforeAll(async () => {
	harness = await createHarness();
});
useNock();

// Characters that change under URL encoding and base64 alignment on purpose.
const TOKEN = 'pit-7f3e+9a/Kq=Zb-4c1e-9f5d-00000000beef';
const HATS_KEY = 'hats_live_Echo/Key+7c2e9a1f44d8==';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** Every form of the secret an API might echo. */
function forms(secret: string): string[] {
	const encoded = [b64(secret), b64url(secret), b64(`user:${secret}`), b64(`ab:${secret}`), b64(`:${secret}`)];
	return [
		secret,
		secret.toUpperCase(),
		secret.toLowerCase(),
		encodeURIComponent(secret),
		encodeURIComponent(secret).toLowerCase(),
		encodeURIComponent(encodeURIComponent(secret)),
		...encoded,
		// The middle of each base64 form: what survives whatever surrounds it.
		...encoded.map((e) => e.slice(6, 26)),
	];
}

/** An error body that carries the secret in every form, in every field our readers or NodeApiError look at. */
function echoBody(secret: string): IDataObject {
	return {
		message: `Invalid token ${secret.toUpperCase()} (${encodeURIComponent(secret)})`,
		error: `Basic ${b64(`user:${secret}`)}`,
		description: b64(secret),
		reason: { message: secret.toLowerCase(), description: b64url(secret) },
		nested: { deeper: [`token=${encodeURIComponent(encodeURIComponent(secret))}`, `key ${b64(`ab:${secret}`)}`] },
	};
}

function echoHeaders(secret: string): Record<string, string> {
	return { 'x-request-id': secret, 'x-trace-id': b64(secret), 'www-authenticate': `Bearer error="${encodeURIComponent(secret)}"` };
}

/** Everything n8n keeps of a failed run: the error with all its own fields (cause chain included) and the output items. */
function everythingKept(result: WorkflowRunResult, nodeName: string): string {
	const error = result.error(nodeName) as (Error & Record<string, unknown>) | undefined;
	const fields: Record<string, unknown> = {};
	const chain: unknown[] = [];
	if (error) {
		for (const key of Object.getOwnPropertyNames(error)) if (key !== 'node') fields[key] = error[key];
		for (let c: unknown = error.cause; c && typeof c === 'object' && chain.length < 5; c = (c as { cause?: unknown }).cause) {
			chain.push(Object.fromEntries(Object.getOwnPropertyNames(c).map((k) => [k, (c as Record<string, unknown>)[k]])));
		}
	}
	return JSON.stringify([error, fields, chain, result.items(nodeName), result.run.data.resultData]);
}

function expectNoForm(text: string, secret: string) {
	for (const form of forms(secret)) expect({ form, found: text.includes(form) }).toEqual({ form, found: false });
}

async function runGhl(continueOnFail: boolean) {
	return await harness.runWorkflow({
		nodes: [
			{
				name: 'GHL',
				type: nodeType('ghl'),
				parameters: { resource: 'location', operation: 'get' },
				...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
			} as TestNode,
		],
		credentials: { ghlPrivateIntegrationApi: ghlPitCredentials({ token: TOKEN }) },
	});
}

describe('an API that echoes the secret', () => {
	it('GHL: the trace id, message, description, context, httpCode and every stored field are clean', async () => {
		nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.reply(400, { ...echoBody(TOKEN), traceId: TOKEN, statusCode: 400 }, echoHeaders(TOKEN));
		const result = await runGhl(false);
		const error = result.error('GHL');
		expect(error?.httpCode).toBe('400');
		expect(error?.context?.traceId).toBe('[redacted]');
		expect(error?.message).toContain('[redacted]');
		expectNoForm(everythingKept(result, 'GHL'), TOKEN);
	});

	it('GHL with Continue On Fail: the item carries no form of the token', async () => {
		nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.reply(422, { ...echoBody(TOKEN), traceId: `trace-${b64(`user:${TOKEN}`)}` }, echoHeaders(TOKEN));
		const result = await runGhl(true);
		const [item] = result.output('GHL');
		expect(item.error).toContain('[redacted]');
		expect(item.traceId).toBeDefined();
		expectNoForm(JSON.stringify(item), TOKEN);
		expectNoForm(everythingKept(result, 'GHL'), TOKEN);
	});

	it('GHL: a 401 echoing the token (thrown by n8n, then answered again) stays clean', async () => {
		nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.times(2)
			.reply(401, { ...echoBody(TOKEN), traceId: TOKEN.toLowerCase() }, echoHeaders(TOKEN));
		const result = await runGhl(false);
		expect(result.error('GHL')?.httpCode).toBe('401');
		expectNoForm(everythingKept(result, 'GHL'), TOKEN);
	});

	it('17hats: request_id and message echoing the API key are clean, with and without Continue On Fail', async () => {
		for (const continueOnFail of [false, true]) {
			nock(HATS_BASE)
				.get('/me')
				.reply(
					403,
					{ error: { code: 'forbidden', message: `key ${encodeURIComponent(HATS_KEY)} is not allowed`, request_id: b64(HATS_KEY) } },
					echoHeaders(HATS_KEY),
				);
			const result = await harness.runWorkflow({
				nodes: [
					{
						name: '17hats',
						type: nodeType('seventeenHats'),
						parameters: { resource: 'account', operation: 'get' },
						...(continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
					} as TestNode,
				],
				credentials: { seventeenHatsApi: hatsCredentials({ apiKey: HATS_KEY }) },
			});
			expectNoForm(everythingKept(result, '17hats'), HATS_KEY);
		}
	});
});
