import type { INodeParameters } from 'n8n-workflow';

import { Audiobookshelf } from '../../nodes/Audiobookshelf/Audiobookshelf.node';
import { ABS_TOKEN, type FakeAudiobookshelf } from '../fakes/audiobookshelf.cjs';
import { runNode, type NodeRunResult } from '../harness/engine.cjs';

export const credentialsFor = (
	abs: FakeAudiobookshelf,
	overrides: Record<string, unknown> = {},
) => ({
	audiobookshelfApi: {
		baseUrl: abs.url,
		apiToken: ABS_TOKEN,
		authScheme: 'bearer',
		allowUnauthorizedCerts: false,
		...overrides,
	},
});

export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

export async function run(
	abs: FakeAudiobookshelf,
	parameters: INodeParameters,
	options: {
		credentials?: Record<string, unknown>;
		continueOnFail?: boolean;
		input?: Array<{ json: Record<string, never> }>;
	} = {},
): Promise<NodeRunResult> {
	return await runNode({
		node: new Audiobookshelf(),
		parameters: { requestOptions: { maxRetries: 0 }, ...parameters },
		credentials: credentialsFor(abs, options.credentials),
		continueOnFail: options.continueOnFail,
		input: options.input,
	});
}

/** Requests the fake received, as "METHOD path?query". */
export const requests = (abs: FakeAudiobookshelf) =>
	abs.stats.log.map((entry) => `${entry.method} ${entry.path}${entry.query}`);
