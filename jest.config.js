// Engine tests: our nodes run in n8n-core's WorkflowExecute against fake servers on 127.0.0.1.
const base = require('./test/jest.base');

module.exports = {
	...base,
	rootDir: '.',
	testMatch: ['<rootDir>/test/**/*.test.cts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	testTimeout: 30000,
	// test.concurrent cases (the fault suite) mostly wait out backoffs and Retry-After: run up to 10 at once.
	maxConcurrency: 10,
};
