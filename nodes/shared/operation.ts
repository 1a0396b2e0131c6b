import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ServiceClient } from './transport';

/** Items an operation hands back when it produces binary data or needs full control over items. */
export class ExecutionItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

export type OperationOutput = IDataObject | IDataObject[] | ExecutionItems;

/** One operation = one file: how it appears in the node, its parameters, and what it does for one item. */
export interface Operation {
	/** Option shown in the Operation dropdown; `action` doubles as the AI tool description. */
	option: Required<Pick<INodePropertyOptions, 'name' | 'value' | 'action' | 'description'>>;
	/** Parameters of this operation; displayOptions for resource/operation are added by `describeResources`. */
	properties: INodeProperties[];
	execute: (
		this: IExecuteFunctions,
		client: ServiceClient,
		itemIndex: number,
	) => Promise<OperationOutput>;
}

export interface Resource {
	option: Required<Pick<INodePropertyOptions, 'name' | 'value' | 'description'>>;
	operations: Operation[];
	/** Operation selected when the resource is picked. */
	defaultOperation: string;
}

/** Shared part of each resource's Operation dropdown; options and default are filled per resource. */
const operationPropertyBase: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [],
	default: '',
};

function sortByName<T extends { name: string }>(options: T[]): T[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** Builds the Resource, Operation and per-operation parameters of a node from its resources. */
export function describeResources(
	resources: Resource[],
	defaultResource: string,
): INodeProperties[] {
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: sortByName(resources.map((resource) => resource.option)),
		default: defaultResource,
	};
	const properties: INodeProperties[] = [resourceProperty];
	for (const resource of resources) {
		const resourceValue = resource.option.value;
		properties.push({
			...operationPropertyBase,
			displayOptions: { show: { resource: [resourceValue] } },
			options: sortByName(resource.operations.map((operation) => operation.option)),
			default: resource.defaultOperation,
		});
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const scope = [resource.option.value as string, operation.option.value as string] as const;
			for (const property of operation.properties) properties.push(scopeTo(property, ...scope));
			properties.push(scopeTo(toolDescriptionProperty(operation), ...scope));
		}
	}
	return properties;
}

/**
 * What an AI model reads about an operation when the node is used as a tool: what it does and returns (the
 * operation's description) and what it needs (its required parameters). n8n's own automatic tool description is only
 * the action ("Get many recordings in <node>"); a node that declares `toolDescription` gets this one instead, shown
 * and editable only in the tool variant (`@tool`).
 */
export function toolDescriptionOf(operation: Operation): string {
	const needs = operation.properties
		.filter((property) => property.required && property.type !== 'notice')
		.map((property) => property.displayName);
	const text = operation.option.description.replace(/\.?$/, '.');
	return needs.length ? `${text} Needs: ${needs.join(', ')}.` : text;
}

function toolDescriptionProperty(operation: Operation): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: toolDescriptionOf(operation),
		typeOptions: { rows: 3 },
		description:
			'What the AI model reads about this tool: what it does, what it needs and what it returns',
		displayOptions: { show: { '@tool': [true] } },
	};
}

function scopeTo(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = {
		...(property.displayOptions?.show ?? {}),
		resource: [resource],
		operation: [operation],
	};
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** Operation lookup by "resource:operation", built once per node class. */
export function operationIndex(resources: Resource[]): Map<string, Operation> {
	const index = new Map<string, Operation>();
	for (const resource of resources) {
		for (const operation of resource.operations) {
			index.set(
				`${resource.option.value as string}:${operation.option.value as string}`,
				operation,
			);
		}
	}
	return index;
}
