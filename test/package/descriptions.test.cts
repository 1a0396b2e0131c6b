/**
 * Pins what a user sees: every node's and credential's description, and the names of the methods the
 * descriptions call (list search, load options, credential test). A refactor must leave these snapshots
 * unchanged; a deliberate change is made with `npx jest -c jest.config.js test/package/descriptions.test.cts -u`
 * and listed in the change's note.
 */
import type { ICredentialType, INodeType } from 'n8n-workflow';

import { AudioBookRequestApi } from '../../credentials/AudioBookRequestApi.credentials';
import { AudiobookshelfApi } from '../../credentials/AudiobookshelfApi.credentials';
import { AutoPiApi } from '../../credentials/AutoPiApi.credentials';
import { SpeakrApi } from '../../credentials/SpeakrApi.credentials';
import { AudioBookRequest } from '../../nodes/AudioBookRequest/AudioBookRequest.node';
import { AudioBookRequestTrigger } from '../../nodes/AudioBookRequest/AudioBookRequestTrigger.node';
import { Audiobookshelf } from '../../nodes/Audiobookshelf/Audiobookshelf.node';
import { AudiobookshelfTrigger } from '../../nodes/Audiobookshelf/AudiobookshelfTrigger.node';
import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { Speakr } from '../../nodes/Speakr/Speakr.node';
import { SpeakrTrigger } from '../../nodes/Speakr/SpeakrTrigger.node';

const nodes: Array<new () => INodeType> = [
	AudioBookRequest,
	AudioBookRequestTrigger,
	Audiobookshelf,
	AudiobookshelfTrigger,
	AutoPi,
	Speakr,
	SpeakrTrigger,
];
const credentials: Array<new () => ICredentialType> = [
	AudioBookRequestApi,
	AudiobookshelfApi,
	AutoPiApi,
	SpeakrApi,
];

/** Method names per kind (listSearch, loadOptions, credentialTest …), sorted: descriptions refer to them by name. */
function methodNames(methods: INodeType['methods']): Record<string, string[]> {
	return Object.fromEntries(
		Object.entries(methods ?? {}).map(([kind, group]) => [kind, Object.keys(group ?? {}).sort()]),
	);
}

describe('node descriptions', () => {
	test.each(nodes.map((type) => [type.name, type] as const))('%s', (_name, type) => {
		const node = new type();
		expect({ description: node.description, methods: methodNames(node.methods) }).toMatchSnapshot();
	});
});

describe('credential descriptions', () => {
	test.each(credentials.map((type) => [type.name, type] as const))('%s', (_name, type) => {
		expect({ ...new type() }).toMatchSnapshot();
	});
});
