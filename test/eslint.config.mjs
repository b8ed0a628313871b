// Lint config for the project's test tooling in JavaScript (fake vendors, engine harness, e2e,
// bench). These run under Node, not inside n8n, so Node's globals are allowed here; the package
// code and every TypeScript file (tests included) are linted by n8n's official config instead.
import js from '@eslint/js';

const nodeGlobals = Object.fromEntries(
	[
		'process', 'Buffer', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
		'setImmediate', 'clearImmediate', 'URL', 'URLSearchParams', 'fetch', 'AbortController',
		'AbortSignal', 'TextDecoder', 'TextEncoder', 'queueMicrotask', 'structuredClone',
		'require', 'module', 'exports', '__dirname', '__filename', 'performance', 'WebSocket',
		'document', 'window',
	].map((name) => [name, 'readonly']),
);

export default [
	{ ignores: ['**/*.ts', '**/*.d.ts', 'dist/**', 'node_modules/**'] },
	js.configs.recommended,
	{
		files: ['**/*.js', '**/*.cjs'],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2023, globals: nodeGlobals },
		rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
	},
	{
		files: ['**/*.mjs'],
		languageOptions: { sourceType: 'module', ecmaVersion: 2023, globals: nodeGlobals },
	},
];
