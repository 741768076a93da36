/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // Type checking is `npm run typecheck` (one tsc run); per-file checking of the SDK types is slow.
    '^.+\\.ts$': 'ts-jest',
  },
  testTimeout: 60_000,
};
