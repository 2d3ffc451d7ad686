import type { INodeProperties } from 'n8n-workflow';

export const tagIdField: INodeProperties = { displayName: 'Tag ID', name: 'tagId', type: 'string', required: true, default: '' };
export const nameField: INodeProperties = { displayName: 'Name', name: 'name', type: 'string', required: true, default: '' };
