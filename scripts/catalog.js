#!/usr/bin/env node
// Writes docs/operations.md and docs/operations.json from the BUILT package
// (run `npm run build` first): every node listed in package.json's n8n.nodes,
// its resources and operations (or trigger events) read generically from the
// node description, plus method, path and scopes from the action
// declarations where a node has them. `--check` fails when the files are stale.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));

/** Action declarations by node file: the machine-readable tables. */
const DECLARATIONS = {
	'dist/nodes/Ghl/Ghl.node.js': ['dist/nodes/Ghl/actions/index.js', 'ghlResources'],
	'dist/nodes/SeventeenHats/SeventeenHats.node.js': ['dist/nodes/SeventeenHats/actions/index.js', null],
};

function loadNode(file) {
	const mod = require(path.join(root, file));
	const Type = Object.values(mod).find((v) => typeof v === 'function');
	const instance = new Type();
	return instance.nodeVersions ? instance.nodeVersions[instance.currentVersion] : instance;
}

function declarationsFor(file) {
	const entry = DECLARATIONS[file];
	if (!entry || !fs.existsSync(path.join(root, entry[0]))) return [];
	const mod = require(path.join(root, entry[0]));
	const list = entry[1] ? mod[entry[1]] : Object.values(mod).find((v) => Array.isArray(v) && v[0]?.operations);
	return Array.isArray(list) ? list : [];
}

function visibleFor(prop, key, value) {
	const show = prop.displayOptions?.show ?? {};
	return !show[key] || show[key].includes(value);
}

function optionsOf(prop) {
	return (prop.options ?? []).filter((o) => o && o.value !== undefined);
}

/** Trigger events: the first options/multiOptions parameter named like events. */
function triggerEvents(description) {
	const candidates = description.properties.filter(
		(p) => ['options', 'multiOptions'].includes(p.type) && /event|triggerOn/i.test(p.name) && optionsOf(p).length > 0,
	);
	const rows = [];
	const labelOf = (prop) => {
		// The group an event list belongs to: the resource/source it is shown for.
		const show = prop.displayOptions?.show ?? {};
		for (const key of ['resource', 'source']) {
			if (!show[key]) continue;
			const parent = description.properties.find((p) => p.name === key);
			const option = optionsOf(parent ?? {}).find((o) => o.value === show[key][0]);
			return option ? option.name : String(show[key][0]);
		}
		return prop.displayName;
	};
	for (const prop of candidates) {
		for (const option of optionsOf(prop)) {
			if (option.value === '*') continue;
			rows.push({ parameter: labelOf(prop), name: option.name, value: String(option.value), description: option.description ?? '' });
		}
	}
	return rows;
}

function buildCatalog() {
	const nodes = [];
	for (const file of pkg.n8n.nodes) {
		if (!fs.existsSync(path.join(root, file))) continue;
		const description = loadNode(file).description;
		const isTrigger = (description.group ?? []).includes('trigger') || /Trigger$/.test(description.name);
		const declared = new Map();
		for (const resource of declarationsFor(file)) {
			for (const op of resource.operations) declared.set(`${op.resource}/${op.operation}`, op);
		}
		const entries = [];
		const resourceProp = description.properties.find((p) => p.name === 'resource' && p.type === 'options');
		if (resourceProp && !isTrigger) {
			for (const resource of optionsOf(resourceProp)) {
				const opProp = description.properties.find(
					(p) => p.name === 'operation' && p.type === 'options' && visibleFor(p, 'resource', resource.value),
				);
				for (const op of opProp ? optionsOf(opProp) : []) {
					const d = declared.get(`${resource.value}/${op.value}`);
					const custom = d && d.execute && !d.request;
					entries.push({
						kind: 'action',
						resource: resource.name,
						resourceValue: resource.value,
						operation: op.name,
						operationValue: op.value,
						action: op.action ?? op.name,
						method: d ? (custom && d.resource === 'customApiCall' ? 'ANY' : d.method) : null,
						path: d ? (d.resource === 'customApiCall' ? '(any path)' : d.path) : null,
						scopes: d ? d.scopes : [],
					});
				}
			}
		} else if (isTrigger) {
			for (const event of triggerEvents(description)) {
				entries.push({ kind: 'trigger', resource: event.parameter, operation: event.name, operationValue: event.value, action: event.description || event.name });
			}
			if (entries.length === 0) entries.push({ kind: 'trigger', resource: '', operation: description.displayName, operationValue: '', action: description.description });
		} else {
			// A node without resources (e.g. the sync node) counts as one action per mode option, or one action.
			const mode = description.properties.find((p) => ['operation', 'mode', 'entity'].includes(p.name) && p.type === 'options');
			for (const option of mode ? optionsOf(mode) : [{ name: description.displayName, value: '' }]) {
				entries.push({ kind: 'action', resource: mode ? mode.displayName : '', operation: option.name, operationValue: String(option.value), action: option.action ?? option.description ?? option.name });
			}
		}
		nodes.push({ file, name: description.name, displayName: description.displayName, trigger: isTrigger, entries });
	}
	const total = nodes.reduce((n, node) => n + node.entries.length, 0);
	return { generatedBy: 'scripts/catalog.js', total, nodes };
}

function renderMarkdown(catalog) {
	const lines = [
		'# Operations catalog',
		'',
		'Generated by `npm run catalog` from the built nodes; do not edit. A test fails when it is stale.',
		'',
		`**${catalog.total} actions and triggers** across ${catalog.nodes.length} nodes.`,
		'',
	];
	for (const node of catalog.nodes) {
		lines.push(`## ${node.displayName} (\`${node.name}\`) — ${node.entries.length} ${node.trigger ? 'trigger events' : 'operations'}`, '');
		if (node.entries.some((e) => e.method)) {
			lines.push('| Resource | Operation | Method | Path | Scopes |', '| --- | --- | --- | --- | --- |');
			for (const e of node.entries) {
				lines.push(`| ${e.resource} | ${e.operation} | ${e.method ?? ''} | ${e.path ? `\`${e.path}\`` : ''} | ${(e.scopes ?? []).join(', ') || '—'} |`);
			}
		} else {
			lines.push('| Group | Name | Description |', '| --- | --- | --- |');
			for (const e of node.entries) lines.push(`| ${e.resource} | ${e.operation} | ${String(e.action ?? '').replace(/\|/g, '\\|')} |`);
		}
		lines.push('');
	}
	return `${lines.join('\n')}`;
}

function outputs() {
	const catalog = buildCatalog();
	return {
		'docs/operations.json': `${JSON.stringify(catalog, null, '\t')}\n`,
		'docs/operations.md': renderMarkdown(catalog),
	};
}

module.exports = { buildCatalog, renderMarkdown, outputs };

if (require.main === module) {
	const { writeOrCheck } = require('./generated');
	const files = Object.fromEntries(Object.entries(outputs()).map(([f, text]) => [path.join(root, f), text]));
	writeOrCheck({ label: 'Operations catalog', command: 'npm run catalog', outputs: files });
}
