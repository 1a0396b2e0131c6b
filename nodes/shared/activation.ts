import { NodeOperationError, type IHookFunctions, type INode } from 'n8n-workflow';

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

/** The three steps of a trigger that registers its webhook with the service, and removes it on deactivation. */
export interface Registration {
	/** Whether the stored registration still exists and matches the node; replaces or forgets it otherwise. */
	isUsable(context: IHookFunctions): Promise<boolean>;
	create(context: IHookFunctions): Promise<boolean>;
	/** Removes the registration (an already removed one is fine) and forgets it. */
	remove(context: IHookFunctions): Promise<void>;
}

/** n8n's webhookMethods for a registration; activation errors carry their fix in the message. */
export function registrationHooks(registration: Registration) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await duringActivation(this.getNode(), () => registration.isUsable(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await duringActivation(this.getNode(), () => registration.create(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await registration.remove(this);
				return true;
			},
		},
	};
}
