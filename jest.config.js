/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Sources win over the .js files that `npm run build` writes beside them.
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // Type checking is `npm run typecheck` (one tsc run); per-file checking of the SDK types is slow.
    '^.+\\.ts$': 'ts-jest',
  },
  testTimeout: 60_000,
};
