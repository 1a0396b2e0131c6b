#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --latency=25 --runs=5 --n=10000 --sizes=1000,5000,10000,50000 --write-docs]`
// Builds nothing itself (npm run bench builds first); runs test/bench/*.bench.cts through jest with
// jest.bench.config.js (never part of `npm test`). Full mode writes docs/benchmarks.md and
// docs/images/bench-node-time.svg; --quick (1 run, N = 1,000 and 2,000) writes test/.artifacts/bench/ only.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const flags = {
	quick: 'BENCH_QUICK',
	latency: 'BENCH_LATENCY_MS',
	runs: 'BENCH_RUNS',
	'sweep-runs': 'BENCH_SWEEP_RUNS',
	n: 'BENCH_N',
	sizes: 'BENCH_SIZES',
	'write-docs': 'BENCH_WRITE_DOCS',
	keep: 'BENCH_KEEP',
	only: 'BENCH_ONLY',
	'cpu-prof': 'BENCH_CPU_PROF',
	concurrency: 'BENCH_CONCURRENCY',
};
const given = [];
for (const arg of process.argv.slice(2)) {
	const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
	if (!match || !(match[1] in flags)) {
		console.error(
			`bench: unknown argument ${arg}; known: ${Object.keys(flags)
				.map((f) => `--${f}`)
				.join(' ')}`,
		);
		process.exit(2);
	}
	env[flags[match[1]]] = match[2] ?? '1';
	given.push(arg);
}
env.BENCH_COMMAND = ['npm run bench', ...(given.length ? ['--', ...given] : [])].join(' ');
// --expose-gc: the benchmark collects its own garbage between runs, so a GC pause of the process that hosts the
// fake servers does not land inside a measured run.
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(
	process.execPath,
	['--expose-gc', jest, '-c', 'jest.bench.config.js', '--runInBand'],
	{ cwd: root, env, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
