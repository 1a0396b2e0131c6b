import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * Bad input, refused before any request: `message` says what is wrong, `description` how to fix it. The
 * router names the item in the message (once), so no caller does.
 */
export function inputError(
	node: INode,
	message: string,
	options: { itemIndex?: number; description?: string } = {},
): NodeOperationError {
	return new NodeOperationError(node, message, options);
}
