/** The sync node's editor methods: Field Overrides columns and 17hats templates. */
import type { ILoadOptionsFunctions, INodePropertyOptions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { DEFAULT_MAPS, fieldLabel, HATS_TARGETS, overrideKey, type HatsTarget } from '../mapping';
import { STATUS_MAPS } from '../mapping/statusMaps';
import { readingCredentialsOnce } from '../../common/editorMethods';
import { LIST_PAGINATION, TEMPLATES } from '../../SeventeenHats/api/collections';
import { hatsTransport } from '../../SeventeenHats/transport';

const TARGETS_FOR_ENTITY = new Map<string, HatsTarget[]>([
	['auto', HATS_TARGETS],
	['contact', ['contact']],
	['document', ['document']],
	['invoice', ['contract', 'invoice']],
]);

/** The 17hats fields of the chosen entity as resourceMapper columns; empty = the default mapping. */
export function mappingColumns(entity: string): ResourceMapperField[] {
	const fields: ResourceMapperField[] = [];
	for (const target of TARGETS_FOR_ENTITY.get(entity) ?? HATS_TARGETS) {
		for (const row of DEFAULT_MAPS[target].rows) {
			const source = Array.isArray(row.source) ? row.source.join(' + ') : row.source;
			const statusMap = Object.hasOwn(STATUS_MAPS, row.transform) ? STATUS_MAPS[row.transform as keyof typeof STATUS_MAPS] : undefined;
			fields.push({
				id: overrideKey(target, row.field),
				displayName: `${fieldLabel(target, row)} (default: GHL ${source})`,
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: statusMap ? 'options' : 'string',
				options: statusMap
					? [...new Set(Object.values(statusMap.entries))].map((v) => ({ name: v, value: v }))
					: undefined,
			});
		}
	}
	return fields;
}

async function mappingColumnsOf(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const entity = String(this.getNodeParameter('entity', 'auto'));
	return { fields: mappingColumns(entity) };
}

async function templateOptions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await hatsTransport.all(
		this,
		{ method: 'GET', path: TEMPLATES.path, scopes: [TEMPLATES.readScope] },
		LIST_PAGINATION,
	);
	return templates.map((t) => ({ name: TEMPLATES.label(t), value: String(t[TEMPLATES.idKey]) }));
}

/** The node's methods, each reading the credential once per call. */
export const { getMappingColumns, getTemplates } = readingCredentialsOnce({ getMappingColumns: mappingColumnsOf, getTemplates: templateOptions });
