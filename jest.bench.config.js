// Benchmark (`npm run bench`, via scripts/bench.mjs): real n8n 2.41.1 against the fake servers. Not part of `npm test`.
const base = require('./test/jest.base');

module.exports = {
	...base,
	rootDir: '.',
	testMatch: ['<rootDir>/test/bench/**/*.bench.cts'],
	maxWorkers: 1,
	testTimeout: 60 * 60 * 1000,
};
