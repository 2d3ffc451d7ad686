import type { INodeProperties } from 'n8n-workflow';

export const customValueIdField: INodeProperties = { displayName: 'Custom Value ID', name: 'customValueId', type: 'string', required: true, default: '' };
export const nameField: INodeProperties = { displayName: 'Name', name: 'name', type: 'string', required: true, default: '' };
export const valueField: INodeProperties = { displayName: 'Value', name: 'value', type: 'string', required: true, default: '' };
