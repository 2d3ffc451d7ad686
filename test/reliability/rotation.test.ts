/**
 * Key rotation, end to end over HTTP against the sandboxes:
 * - a 17hats key rotated in the sandbox (POST /__admin/rotate-key) keeps
 *   working through the overlap, then fails with an error that names the
 *   credential and says to rotate; the new key works;
 * - a revoked GHL token fails with an error that says how to replace it;
 * - the GHL Trigger accepts events signed with either key while both public
 *   keys are configured (HighLevel rotating its webhook key), and only the
 *   new one once the old is removed.
 */
import type { IDataObject } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox';
import { startGhlSandbox, type GhlSandbox } from '../../sandbox/ghl';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { ghlPitCredentials, hatsCredentials, sandboxEnvironment } from '../support/fixtures';
import { createTriggerHarness } from '../support/triggerHarness';
import { writeFigures } from './support/figures';
import { assertNoSecrets, registerSecret } from './secretScan';
import { serveTrigger } from './triggerServer';

let harness: EngineHarness;
let hats: HatsSandbox;
let ghl: GhlSandbox;
const figures: IDataObject = {};

beforeAll(async () => {
	harness = await createHarness();
	hats = await startHatsSandbox({ port: 0, rateLimit: { max: 10_000, windowMs: 60_000 } });
	ghl = await startGhlSandbox({ port: 0, webhookRetryDelayMs: 10 });
	registerSecret('GHL sandbox token', ghl.token);
});
afterAll(async () => {
	await hats.close();
	await ghl.close();
	writeFigures('rotation', figures);
});
beforeEach(() => resetBuckets());

const CREDENTIAL_NAME = 'seventeenHatsApi';

async function hatsRun(apiKey: string) {
	return await harness.runWorkflow({
		nodes: [{ name: '17hats', type: nodeType('seventeenHats'), parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1 } } as never],
		credentials: { seventeenHatsApi: hatsCredentials({ apiKey, ...sandboxEnvironment(hats.url), baseUrl: hats.url }) },
	});
}

async function ghlRun(token: string) {
	return await harness.runWorkflow({
		nodes: [{ name: 'GHL', type: nodeType('ghl'), parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1 } } as never],
		credentials: { ghlPrivateIntegrationApi: ghlPitCredentials({ token, locationId: ghl.locationId, ...sandboxEnvironment(ghl.url), baseUrl: ghl.url }) },
	});
}

const sleepUntil = async (ms: number) => {
	while (Date.now() < ms) await new Promise((r) => setTimeout(r, Math.min(50, ms - Date.now())));
};

describe('17hats key rotation', () => {
	it('the old key works through the overlap, then fails naming the credential and saying to rotate; the new key works', async () => {
		const oldKey = hats.apiKey;
		expect((await hatsRun(oldKey)).error('17hats')).toBeUndefined();

		const answer = await fetch(`${hats.origin}/__admin/rotate-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ overlapSeconds: 1 }) });
		const rotated = (await answer.json()) as { api_key: string; previous_key_expires_at: string };
		registerSecret('rotated 17hats key', rotated.api_key);
		const newKey = rotated.api_key;

		// Inside the overlap: both keys work.
		const during = await hatsRun(oldKey);
		expect(during.error('17hats')).toBeUndefined();
		expect((await hatsRun(newKey)).error('17hats')).toBeUndefined();

		await sleepUntil(Date.parse(rotated.previous_key_expires_at) + 200);
		const after = await hatsRun(oldKey);
		const error = after.error('17hats');
		expect(error).toBeDefined();
		const said = `${error?.message} ${error?.description ?? ''}`;
		expect(said).toMatch(new RegExp(`credential "${CREDENTIAL_NAME}"`));
		expect(said).toMatch(/rotat/i);
		expect(said).toMatch(/new (API )?key/i);
		assertNoSecrets('17hats rotation error', error, [oldKey, newKey]);
		figures.hats = { overlapSeconds: 1, oldKeyDuringOverlap: 'ok', oldKeyAfter: error?.httpCode ?? null, message: error?.message, description: error?.description };

		expect((await hatsRun(newKey)).error('17hats')).toBeUndefined();
	});
});

describe('GHL token revoked', () => {
	it('a revoked Private Integration token fails with an error that says how to replace it', async () => {
		const token = ghl.issueToken(['contacts.readonly', 'contacts.write', 'locations.readonly'], { label: 'rotation-test' });
		registerSecret('issued GHL token', token);
		expect((await ghlRun(token)).error('GHL')).toBeUndefined();
		ghl.revokeToken(token);
		const error = (await ghlRun(token)).error('GHL');
		expect(error).toBeDefined();
		const said = `${error?.message} ${error?.description ?? ''}`;
		expect(said).toMatch(/credential "ghlPrivateIntegrationApi"/);
		expect(said).toMatch(/Private Integration/i);
		expect(said).toMatch(/new token|replace|generate/i);
		assertNoSecrets('GHL revoked-token error', error, [token]);
		figures.ghl = { revokedToken: error?.httpCode ?? null, message: error?.message, description: error?.description };
	});
});

describe('GHL webhook key rotation at the trigger', () => {
	it('accepts events signed with the old or the new key while both are configured; only the new one after', async () => {
		const next = await startGhlSandbox({ port: 0, webhookRetryDelayMs: 10 });
		try {
			const both = `${ghl.publicKeys.ed25519Pem}\n${next.publicKeys.ed25519Pem}`;
			const during = await createTriggerHarness({ type: 'ghlTrigger', parameters: { source: 'app', verification: 'ed25519', ed25519PublicKeys: both } });
			const after = await createTriggerHarness({ type: 'ghlTrigger', parameters: { source: 'app', verification: 'ed25519', ed25519PublicKeys: next.publicKeys.ed25519Pem } });
			expect(await during.hook('create')).toBe(true);
			const s1 = await serveTrigger(during);
			const s2 = await serveTrigger(after);
			try {
				expect(await ghl.fire('ContactCreate', { to: s1.url })).toEqual({ status: 200, attempts: 1 });
				expect(await next.fire('ContactCreate', { to: s1.url })).toEqual({ status: 200, attempts: 1 });
				expect(s1.calls.map((c) => c.started)).toEqual([true, true]);
				expect((await ghl.fire('ContactUpdate', { to: s2.url })).status).toBe(401);
				expect((await next.fire('ContactUpdate', { to: s2.url })).status).toBe(200);
				expect([...s1.crashes, ...s2.crashes]).toEqual([]);
				figures.trigger = { bothKeys: [200, 200], oldKeyAfterRemoval: 401, newKeyAfterRemoval: 200 };
			} finally {
				await s1.close();
				await s2.close();
			}
		} finally {
			await next.close();
		}
	});
});
