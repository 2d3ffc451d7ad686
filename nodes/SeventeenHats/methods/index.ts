import { readingCredentialsOnce } from '../../common/editorMethods';
import * as listSearchMethods from './listSearch';

export const listSearch = readingCredentialsOnce({ ...listSearchMethods });
