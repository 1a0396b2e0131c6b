import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { readRequestSettings } from './descriptions';
import { redact } from './redact';
import { ExecutionItems, type Operation, type OperationOutput } from './operation';
import type { ServiceProfile } from './service';
import { compactRecord, compactsForTool } from './toolOutput';
import { ServiceClient } from './transport';

/**
 * Runs the selected operation once per input item. Keeps pairedItem on every output item, honours
 * Continue On Fail, and names the item in every error message ("… [item N]") — the only place that does.
 */
export async function route(
	this: IExecuteFunctions,
	profile: ServiceProfile,
	operations: Map<string, Operation>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const client = new ServiceClient(
			this,
			profile,
			itemIndex,
			readRequestSettings(this, itemIndex, profile),
		);
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operations.get(`${resource}:${operationName}`);
			if (!operation) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operationName}" of "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			let result = await operation.execute.call(this, client, itemIndex);
			if (Array.isArray(result) && compactsForTool(this, operation, itemIndex)) {
				result = result.map((record) => compactRecord(record) as IDataObject);
			}
			output.push(...toExecutionItems(this, result, itemIndex));
		} catch (error) {
			nameItem(error, itemIndex);
			if (this.continueOnFail()) {
				output.push({
					json: {
						error: redact(error.message ?? String(error), client.secretsForRedaction()),
						...(error.description
							? { description: redact(String(error.description), client.secretsForRedaction()) }
							: {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Both constructors hand back an error of their own class unchanged; give it the item first.
			if (error instanceof NodeApiError) {
				if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			if (error instanceof NodeOperationError && error.context.itemIndex === undefined) {
				error.context.itemIndex = itemIndex;
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return [output];
}

/** Every error names its item, once: "… [item 3]". Operations and the transport never write it themselves. */
function nameItem(error: unknown, itemIndex: number): void {
	if (!(error instanceof Error)) return;
	const suffix = ` [item ${itemIndex}]`;
	if (!error.message.endsWith(suffix)) error.message += suffix;
}

function toExecutionItems(
	context: IExecuteFunctions,
	result: OperationOutput,
	itemIndex: number,
): INodeExecutionData[] {
	if (result instanceof ExecutionItems) {
		return result.items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
	}
	const records: IDataObject[] = Array.isArray(result) ? result : [result];
	return context.helpers.constructExecutionMetaData(context.helpers.returnJsonArray(records), {
		itemData: { item: itemIndex },
	});
}
