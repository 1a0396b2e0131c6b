/**
 * One name per operation: `actions/<resource>/<value>.ts` exports `<resource><Value>`, and its option value is
 * `<value>`. The router key, the file, the export and the description's value then cannot drift apart.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { Operation } from '../../nodes/shared/operation';

const nodesDir = path.resolve(__dirname, '../../nodes');

function operationFiles(): Array<{ service: string; resource: string; file: string }> {
	const found: Array<{ service: string; resource: string; file: string }> = [];
	for (const service of readdirSync(nodesDir)) {
		const actions = path.join(nodesDir, service, 'actions');
		let resources: string[];
		try {
			resources = readdirSync(actions, { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => entry.name);
		} catch {
			continue;
		}
		for (const resource of resources)
			for (const file of readdirSync(path.join(actions, resource)))
				if (file.endsWith('.ts')) found.push({ service, resource, file });
	}
	return found;
}

function isOperation(value: unknown): value is Operation {
	return (
		typeof value === 'object' &&
		value !== null &&
		'option' in value &&
		'execute' in value &&
		typeof (value as Operation).execute === 'function'
	);
}

describe('operation names', () => {
	const files = operationFiles();

	test('the tree has operations to check', () => {
		expect(files.length).toBeGreaterThan(80);
	});

	test.each(files.map((entry) => [`${entry.service}/${entry.resource}/${entry.file}`, entry]))(
		'%s',
		(_name, { service, resource, file }) => {
			const exports = require(path.join(nodesDir, service, 'actions', resource, file)) as Record<
				string,
				unknown
			>;
			const operations = Object.entries(exports).filter(([, value]) => isOperation(value));
			const base = path.basename(file, '.ts');
			if (operations.length === 0) return; // a resource index or a helper module
			expect(operations).toHaveLength(1);
			const [exportName, operation] = operations[0] as [string, Operation];
			expect(operation.option.value).toBe(base);
			expect(exportName).toBe(`${resource}${base[0].toUpperCase()}${base.slice(1)}`);
		},
	);
});
