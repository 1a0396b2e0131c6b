import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from './operation';

/** Longest text a list record keeps for an AI model; the rest is cut with a note of how much was left out. */
export const TOOL_TEXT_LIMIT = 500;

/** n8n runs an action node as an AI tool under a generated type named `<type>Tool`. */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	return typeof value === 'object' && Object.keys(value).length === 0;
}

/** One record as a model should read it: no empty fields, long texts cut. */
export function compactRecord(value: unknown): unknown {
	if (typeof value === 'string') {
		return value.length > TOOL_TEXT_LIMIT
			? `${value.slice(0, TOOL_TEXT_LIMIT)}… (${value.length - TOOL_TEXT_LIMIT} more characters)`
			: value;
	}
	if (Array.isArray(value)) return value.map(compactRecord);
	if (typeof value !== 'object' || value === null) return value;
	const compact: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		const kept = compactRecord(entry);
		if (!isEmpty(kept)) compact[key] = kept as IDataObject[keyof IDataObject];
	}
	return compact;
}

/**
 * Whether a list operation's records are made compact: when the node runs as an AI tool, unless the operation has a
 * Simplify switch and the user turned it off (the way to give a model the full records).
 */
export function compactsForTool(
	context: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
): boolean {
	if (!runsAsTool(context)) return false;
	const isList = operation.properties.some((property) => property.name === 'returnAll');
	if (!isList) return false;
	const hasSimplify = operation.properties.some((property) => property.name === 'simplify');
	return !hasSimplify || context.getNodeParameter('simplify', itemIndex, true) !== false;
}
