// Shared Jest settings for engine tests and end-to-end tests.
// Test files are TypeScript with the .cts extension so that `n8n-node lint` (which lints **/*.ts with the
// community-node rules) leaves them to test/eslint.config.mjs: fake servers need Node's own modules.
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
	resolver: '<rootDir>/test/jest-resolver.js',
	// The summary reporter writes the counts `npm test` adds up (scripts/test-all.sh); see the file for why not --json.
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/test/e2e/host/', '<rootDir>/.n8n-dev/'],
};
