// Writes the "every resource and operation" table of the README from the built node descriptions, so the
// README never drifts from the nodes. `node scripts/readme-operations.mjs` rewrites the block between the
// markers; `--check` exits 1 when the README is out of date (the package tests run it). Needs `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

const cell = (text) =>
	String(text ?? '')
		.replace(/\|/g, '\\|')
		.replace(/\s+/g, ' ')
		.trim();

function describeNode(file) {
	const exports = require(path.join(root, file));
	const className = path.basename(file).split('.')[0];
	const { description } = new exports[className]();
	const rows = [];
	if (description.group.includes('trigger')) {
		const events = description.properties.find((p) => ['events', 'event'].includes(p.name));
		const names = (events?.options ?? []).map((o) => o.name).join(', ');
		rows.push(
			`| ${cell(description.displayName)} | Trigger (${description.polling ? 'polling' : 'webhook'}) | ${cell(names)} | ${cell(description.description)} |`,
		);
		return rows;
	}
	const resources = description.properties.find((p) => p.name === 'resource')?.options ?? [];
	for (const resource of resources) {
		const operations = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const operation of operations?.options ?? []) {
			rows.push(
				`| ${cell(description.displayName)} | ${cell(resource.name)} | ${cell(operation.name)} | ${cell(operation.description)} |`,
			);
		}
	}
	return rows;
}

const table = [
	'| Node | Resource | Operation | What it does |',
	'|---|---|---|---|',
	...pkg.n8n.nodes.flatMap(describeNode),
].join('\n');
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < 0) {
	console.error(`README.md needs the markers ${START} and ${END}`);
	process.exit(1);
}
const updated = `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
if (process.argv.includes('--check')) {
	if (updated !== readme) {
		console.error(
			'README.md operations table is out of date: run `npm run build && node scripts/readme-operations.mjs`',
		);
		process.exit(1);
	}
	console.log('README operations table is up to date');
} else {
	writeFileSync(readmePath, updated);
	console.log(`README operations table: ${table.split('\n').length - 2} rows`);
}
