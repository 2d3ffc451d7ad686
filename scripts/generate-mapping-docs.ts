/** Writes docs/mapping.md from the sync node's mapping data: `npm run docs:mapping`. */
import { writeFileSync } from 'fs';

import { MAPPING_DOC_PATH, renderMappingDoc } from './mappingDocs';

writeFileSync(MAPPING_DOC_PATH, renderMappingDoc());
process.stdout.write(`Wrote ${MAPPING_DOC_PATH}\n`);
