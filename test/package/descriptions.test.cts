/**
 * Pins what a user sees: every node's and credential's description, and the names of the methods the
 * descriptions call (list search, load options, credential test). A refactor must leave these snapshots
 * unchanged; a deliberate change is made with `npx jest -c jest.config.js test/package/descriptions.test.cts -u`
 * and listed in the change's note.
 */
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import packageJson from '../../package.json';

const root = path.resolve(__dirname, '..', '..');

/** The class a package.json#n8n entry points at, loaded from its TypeScript source (as n8n names it). */
function sourceClass<T>(distFile: string): [string, new () => T] {
	const className = path.basename(distFile).split('.')[0];
	const source = path.join(root, distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const loaded = require(source) as Record<string, new () => T>;
	return [className, loaded[className]];
}

// Every node and credential the package declares: a new one cannot be left out of the snapshots.
const nodes = packageJson.n8n.nodes.map((file) => sourceClass<INodeType>(file));
const credentials = packageJson.n8n.credentials.map((file) => sourceClass<ICredentialType>(file));

/** Method names per kind (listSearch, loadOptions, credentialTest …), sorted: descriptions refer to them by name. */
function methodNames(methods: INodeType['methods']): Record<string, string[]> {
	return Object.fromEntries(
		Object.entries(methods ?? {}).map(([kind, group]) => [kind, Object.keys(group ?? {}).sort()]),
	);
}

describe('node descriptions', () => {
	test.each(nodes)('%s', (_name, type) => {
		const node = new type();
		expect({ description: node.description, methods: methodNames(node.methods) }).toMatchSnapshot();
	});
});

describe('credential descriptions', () => {
	test.each(credentials)('%s', (_name, type) => {
		expect({ ...new type() }).toMatchSnapshot();
	});
});
