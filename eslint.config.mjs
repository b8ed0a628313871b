import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{
		// Test tooling runs under Node and jest, not inside n8n: Node's modules and globals are its tools.
		files: ['test/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'off',
		},
	},
];
