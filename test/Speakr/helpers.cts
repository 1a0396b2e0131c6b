import type { INodeParameters } from 'n8n-workflow';

import { Speakr } from '../../nodes/Speakr/Speakr.node';
import { runNode, type NodeRunResult, type RunNodeOptions } from '../harness/engine.cjs';
import { SPEAKR_TOKEN, type FakeSpeakr } from '../fakes/speakr.cjs';

export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
export const fromList = (value: string | number) => ({
	__rl: true,
	mode: 'list',
	value: String(value),
	cachedResultName: `item ${value}`,
});

export function speakrCredentials(speakr: FakeSpeakr, overrides: Record<string, unknown> = {}) {
	return {
		speakrApi: {
			baseUrl: speakr.url,
			apiToken: SPEAKR_TOKEN,
			authScheme: 'bearer',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	};
}

/** Runs the Speakr action node once in the engine against the fake. */
export async function runSpeakr(
	speakr: FakeSpeakr,
	parameters: INodeParameters,
	extra: Partial<Omit<RunNodeOptions, 'node' | 'parameters' | 'credentials'>> & {
		credentials?: Record<string, unknown>;
	} = {},
): Promise<NodeRunResult> {
	const { credentials, ...rest } = extra;
	return await runNode({
		node: new Speakr(),
		parameters: { requestOptions: { maxRetries: 0 }, ...parameters },
		credentials: speakrCredentials(speakr, credentials),
		...rest,
	});
}

/** The requests the fake answered, as "METHOD path?query". */
export function requestLines(speakr: FakeSpeakr): string[] {
	return speakr.stats.log.map((entry) => `${entry.method} ${entry.path}${entry.query}`);
}

export function expectNoTokenLeak(result: NodeRunResult): void {
	expect(result.serialized).not.toContain(SPEAKR_TOKEN);
}
