// @ts-check
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Transpile only: `npm run build` (tsc) is the type check; this keeps the suite fast.
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	testTimeout: 30000,
	// The default reporter, then which tests were skipped and why (sample tests in a clone without ../shared).
	reporters: ['default', '<rootDir>/test/support/skipped-samples-reporter.js'],
};
