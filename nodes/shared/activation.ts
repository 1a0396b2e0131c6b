import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * Runs a trigger's activation step (checkExists / create). n8n keeps only the message of an error thrown there (its
 * activation error has no description), so the fix that our errors carry in their description is folded into it.
 * Messages and descriptions of our errors are already redacted.
 */
export async function duringActivation<T>(node: INode, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string | null };
		const text = String(message ?? 'The trigger could not be activated');
		const full = description && !text.includes(description) ? `${text} — ${description}` : text;
		throw new NodeOperationError(node, full, { description: description ?? undefined });
	}
}
