/**
 * `npm run n8n:screenshots` — starts the playground (own ports), opens every
 * template in n8n's editor with headless Chromium (Debian's `chromium`,
 * driven by playwright-core) and saves docs/images/n8n-<template>.png, the
 * monitoring screens, each node's parameter panel and a credential dialog.
 * `-- --only=panels` (or templates, monitoring) takes one group.
 * Needs: apt-get install -y chromium (or CHROMIUM_PATH).
 */
import { mkdirSync } from 'fs';
import { join } from 'path';

import { chromium } from 'playwright-core';

import { ROOT, freePort, log } from './lib';
import { captureMonitoringScreens } from './monitoringScreens';
import { capturePanelScreens } from './panelScreens';
import { startPlayground } from './playground';

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

const GROUPS = ['templates', 'monitoring', 'panels'] as const;
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && !(GROUPS as readonly string[]).includes(only)) throw new Error(`--only=${only}: one of ${GROUPS.join(', ')}`);
const wanted = (group: (typeof GROUPS)[number]) => only === undefined || only === group;

async function main(): Promise<void> {
	const outDir = join(ROOT, 'docs', 'images');
	mkdirSync(outDir, { recursive: true });
	const pg = await startPlayground({ userFolder: join(ROOT, '.cache', 'n8n', 'screenshots'), port: await freePort(), brokerPort: await freePort(), ghlPort: 0, hatsPort: 0 });
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS, headless: true });
	const saved: string[] = [];
	try {
		const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
		const [name, value] = pg.rest.authCookie.split('=');
		await context.addCookies([{ name, value, url: pg.n8n.url }]);
		// n8n binds its auth cookie to the browser id the REST client logged in with.
		await context.addInitScript({ content: `localStorage.setItem('n8n-browserId', ${JSON.stringify(pg.rest.browserIdValue)});` });
		const page = await context.newPage();
		for (const { file, wf } of wanted('templates') ? pg.workflows : []) {
			await page.goto(`${pg.n8n.url}/workflow/${wf.id}`, { waitUntil: 'networkidle' });
			try {
				await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			} catch (e) {
				await page.screenshot({ path: join(ROOT, '.cache', 'n8n', 'screenshot-failure.png') });
				throw e;
			}
			// Close toasts/popups that would cover the canvas, then let the canvas settle (zoom to fit).
			await page.keyboard.press('Escape').catch(() => undefined);
			await page.waitForTimeout(1500);
			await page.keyboard.press('1').catch(() => undefined);
			await page.waitForTimeout(1000);
			const target = join(outDir, `n8n-${file.replace(/\.json$/, '')}.png`);
			await page.screenshot({ path: target });
			saved.push(target);
			log(`saved ${target}`);
		}
		// The README's Monitoring section: executions, a failed run, its alert, the report.
		if (wanted('monitoring')) saved.push(...(await captureMonitoringScreens(page, pg, outDir)));
		// The README's node and credential sections: each node's parameter panel, a credential dialog.
		if (wanted('panels')) saved.push(...(await capturePanelScreens(page, pg, outDir)));
	} finally {
		await browser.close();
		await pg.stop();
	}
	process.stdout.write(`${saved.length} screenshots:\n${saved.map((s) => `  ${s}`).join('\n')}\n`);
}

main().catch((e) => {
	process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
	process.exit(1);
});
