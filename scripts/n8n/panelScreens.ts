/**
 * Screenshots of each node's parameter panel and of a credential dialog, from
 * the real n8n editor of the playground (`npm run n8n:screenshots` calls this;
 * `-- --only=panels` takes only these): docs/images/n8n-panel-*.png and
 * n8n-credential-environment.png, used by the README's node and credential
 * sections.
 */
import { join } from 'path';

import type { Page } from 'playwright-core';

import { log, PACKAGE_NAME } from './lib';
import type { Playground } from './playground';

const NODE = '[data-test-id="canvas-node"]';
const type = (short: string) => `${PACKAGE_NAME}.${short}`;
const ghlCredential = { ghlPrivateIntegrationApi: { id: 'ghlPitCredential', name: 'GHL Private Integration Token' } };
const hatsCredential = { seventeenHatsApi: { id: 'seventeenHatsKey1', name: '17hats API' } };

interface PanelShot {
	/** The file: docs/images/n8n-panel-<file>.png. */
	file: string;
	node: Record<string, unknown>;
}

/** One node per panel, set up as a user would leave it: a realistic operation, records picked from lists. */
function panelShots(pg: Playground): PanelShot[] {
	const contact = pg.sandbox.ghl.store.contacts.values()[0] as { id: string; firstName?: string; lastName?: string; email?: string };
	const contactName = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || String(contact.email ?? contact.id);
	const document = pg.sandbox.hats.store.all('documents')[0] as unknown as { document_id: string; name?: string } | undefined;
	return [
		{
			file: 'ghl',
			node: {
				name: 'GHL',
				type: type('ghl'),
				typeVersion: 1,
				parameters: {
					resource: 'contact',
					operation: 'addTags',
					contactId: { __rl: true, mode: 'list', value: contact.id, cachedResultName: contactName },
					tags: 'client, welcome',
				},
				credentials: ghlCredential,
			},
		},
		{
			file: 'ghl-trigger',
			node: {
				name: 'GHL Trigger',
				type: type('ghlTrigger'),
				typeVersion: 1,
				webhookId: '5f0c1a9e-panel-shot-0000-000000000001',
				parameters: { source: 'app', events: ['ContactCreate', 'ContactTagUpdate', 'InvoicePaid'], verification: 'ed25519', options: {} },
			},
		},
		{
			file: 'ghl-poll-trigger',
			node: {
				name: 'GHL Poll Trigger',
				type: type('ghlPollTrigger'),
				typeVersion: 1,
				parameters: { resource: 'document', events: ['new', 'statusChanged'], filters: {}, options: {} },
				credentials: ghlCredential,
			},
		},
		{
			file: '17hats',
			node: {
				name: '17hats',
				type: type('seventeenHats'),
				typeVersion: 1,
				parameters: {
					resource: 'document',
					operation: 'setMetadata',
					documentId: document
						? { __rl: true, mode: 'list', value: document.document_id, cachedResultName: document.name ?? document.document_id }
						: { __rl: true, mode: 'list', value: '' },
					metadata: { entries: [{ key: 'ghl_document_id', value: '={{ $json.id }}' }] },
				},
				credentials: hatsCredential,
			},
		},
		{
			file: 'sync',
			node: {
				name: 'GHL → 17hats Sync',
				type: type('ghlTo17hatsSync'),
				typeVersion: 1.1,
				parameters: {
					entity: 'contact',
					welcomeAgreement: true,
					welcomeTrigger: 'contactTag',
					welcomeTag: 'client',
					welcomeTemplateId: 'tpl_welcome_agreement',
					welcomeName: 'Welcome Agreement',
				},
				credentials: hatsCredential,
			},
		},
	];
}

async function closeToasts(page: Page): Promise<void> {
	await page.keyboard.press('Escape').catch(() => undefined);
	for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => undefined);
}

export async function capturePanelScreens(page: Page, pg: Playground, outDir: string): Promise<string[]> {
	page.setDefaultNavigationTimeout(120_000);
	const saved: string[] = [];
	const shot = async (name: string) => {
		const target = join(outDir, `${name}.png`);
		await page.screenshot({ path: target });
		saved.push(target);
		log(`saved ${target}`);
	};
	const shots = panelShots(pg);
	const created = await pg.rest.ok<{ id: string }>('POST', '/rest/workflows', {
		name: 'Node panels',
		nodes: shots.map((s, i) => ({ id: `panel-${i}`, position: [i * 260, 0], ...s.node })),
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	});

	for (const s of shots) {
		await page.goto(`${pg.n8n.url}/workflow/${created.id}`, { waitUntil: 'networkidle' });
		await page.waitForSelector(NODE, { timeout: 60_000 });
		await page.waitForTimeout(1500);
		await closeToasts(page);
		await page.locator(`${NODE}[data-node-name="${String(s.node.name)}"]`).dblclick();
		await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
		// Lists and record names load after the panel opens.
		await page.waitForTimeout(3500);
		await shot(`n8n-panel-${s.file}`);
		await page.keyboard.press('Escape');
	}

	// A credential as a production user sees it: Environment chosen from a list (the sandbox's is Custom URL).
	await page.goto(`${pg.n8n.url}/home/credentials/ghlPitCredential`, { waitUntil: 'networkidle' });
	await page.waitForSelector('[data-test-id="editCredential-modal"]', { timeout: 60_000 });
	await page.waitForTimeout(2000);
	const environment = page.locator('[data-test-id="editCredential-modal"] [data-test-id="parameter-input-environment"]');
	if ((await environment.count()) > 0) {
		await environment.first().click();
		await page.waitForTimeout(800);
	}
	await shot('n8n-credential-environment');
	return saved;
}
