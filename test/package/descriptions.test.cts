/**
 * Pins what a user sees: the description of every node and credential package.json lists, and the names of
 * the methods the descriptions call (list search, load options, credential test). A refactor must leave these
 * snapshots unchanged; a deliberate change is made with
 * `npx jest -c jest.config.js test/package/descriptions.test.cts -u` and listed in the change's note.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

/** Every class package.json lists (dist/x/Name.node.js → source x/Name.node.ts, class Name). */
function listed<T>(files: string[]): Array<[string, new () => T]> {
	return files.map((file) => {
		const source = path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const className = path.basename(source).split('.')[0];
		const type = (require(source) as Record<string, new () => T>)[className];
		if (!type) throw new Error(`${file}: no class ${className} in ${source}`);
		return [className, type];
	});
}

const nodes = listed<INodeType>(pkg.n8n.nodes);
const credentials = listed<ICredentialType>(pkg.n8n.credentials);

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
