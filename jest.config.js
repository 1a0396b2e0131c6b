// Unit and engine tests: our nodes run in n8n-core's WorkflowExecute against fake servers on 127.0.0.1.
// Test files are TypeScript with the .cts extension so that `n8n-node lint` (which lints **/*.ts with the
// community-node rules) leaves them to test/eslint.config.mjs: fake servers need Node's own modules.
const base = {
	testEnvironment: 'node',
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
};

module.exports = {
	...base,
	testMatch: ['<rootDir>/test/**/*.test.cts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	testTimeout: 30000,
};
module.exports.base = base;
