import type { INodeProperties } from 'n8n-workflow';
import { recordLocator } from '../common.descriptions';

export const tagIdField: INodeProperties = recordLocator({ displayName: 'Tag ID', name: 'tagId', searchListMethod: 'searchTags', description: "The location's tag" });
export const nameField: INodeProperties = { displayName: 'Name', name: 'name', type: 'string', required: true, default: '' };
