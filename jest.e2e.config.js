// End-to-end tests: a real n8n 2.41.1 on Node 24 (test/e2e/host) with this package loaded.
const base = require('./test/jest.base');

module.exports = {
	...base,
	rootDir: '.',
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.cts'],
	maxWorkers: 1,
	testTimeout: 300000,
};
