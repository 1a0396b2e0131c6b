// Lint for test code (`npm run lint:test`): n8n's own strict config applied to our .cts test files,
// minus the rules that exist because node code runs inside n8n — fake servers and the e2e driver
// need Node's modules, `process` and timers.
import { config } from '@n8n/node-cli/eslint';

const forTests = config
	.filter((entry) => !entry.files || entry.files.some((pattern) => pattern === '**/*.ts'))
	.map((entry) => (entry.files ? { ...entry, files: ['**/*.cts'] } : entry));

export default [
	...forTests,
	{
		files: ['**/*.cts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'import-x/no-unresolved': 'off',
			'import-x/no-named-as-default-member': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			// Fakes hold made-up tokens on purpose.
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
];
