/**
 * Jest runs in native ESM mode (NestJS 12 packages are ESM-only; on Node 20 Jest can load
 * them only as ES modules, hence --experimental-vm-modules in the npm scripts).
 * One fresh database per run (test/support/global-setup.js); files run one at a time
 * because they share that database and broker.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  maxWorkers: 1,
  testTimeout: 60_000,
};
