import { readingCredentialsOnce } from '../../common/editorMethods';
import * as listSearchMethods from './listSearch';
import * as loadOptionsMethods from './loadOptions';

export const loadOptions = readingCredentialsOnce({ ...loadOptionsMethods });
export const listSearch = readingCredentialsOnce({ ...listSearchMethods });
