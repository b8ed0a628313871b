// @ts-check
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Transpile only: `npm run build` (tsc) is the type check; this keeps the suite fast. The wrapper binds
		// hot globals per module (see it for why: jest's vm context made pixel loops 10–40× slower).
		'^.+\\.(ts|js)$': ['<rootDir>/test/support/jest-transform.js', { isolatedModules: true, diagnostics: false }],
	},
	testTimeout: 30000,
	// The default reporter, then which tests were skipped and why (sample tests in a clone without ../shared).
	reporters: ['default', '<rootDir>/test/support/skipped-samples-reporter.js'],
};
