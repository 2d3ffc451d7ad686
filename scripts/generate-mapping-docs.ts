/** Writes docs/mapping.md from the sync node's mapping data: `npm run docs:mapping`; `-- --check` fails when it is stale. */
import { writeOrCheck } from './generated';
import { MAPPING_DOC_PATH, renderMappingDoc } from './mappingDocs';

writeOrCheck({ label: 'Mapping docs', command: 'npm run docs:mapping', outputs: { [MAPPING_DOC_PATH]: renderMappingDoc() } });
