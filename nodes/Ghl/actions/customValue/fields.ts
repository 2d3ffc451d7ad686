import type { INodeProperties } from 'n8n-workflow';
import { recordLocator } from '../common.descriptions';

export const customValueIdField: INodeProperties = recordLocator({ displayName: 'Custom Value ID', name: 'customValueId', searchListMethod: 'searchCustomValues', description: "The location's custom value" });
export const nameField: INodeProperties = { displayName: 'Name', name: 'name', type: 'string', required: true, default: '' };
export const valueField: INodeProperties = { displayName: 'Value', name: 'value', type: 'string', required: true, default: '' };
