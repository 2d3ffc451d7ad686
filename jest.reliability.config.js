/** @type {import('jest').Config} — `npm run test:reliability`: the fault soak, races, hostile input, property tests and secret scan. */
const base = require('./jest.config.js');

module.exports = {
	...base,
	roots: ['<rootDir>/test/reliability'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 600000,
	// The soak measures the whole system under faults: one suite at a time keeps its figures honest.
	maxWorkers: 1,
};
