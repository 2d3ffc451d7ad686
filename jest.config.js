/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The reliability suite (fault soak, races, hostile input, property tests) has its own
	// command, `npm run test:reliability` (jest.reliability.config.js), run by .ci/run.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/reliability/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
	},
	testTimeout: 30000,
	maxWorkers: 2,
	setupFiles: ['<rootDir>/test/support/setupEnv.ts'],
};
