/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // Type checking is `npm run typecheck` (one tsc run); per-file checking of the SDK types is slow.
    // tsconfig.dev.json: tsconfig.json is written by jsii for the library's own compilation.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
  },
  testTimeout: 60_000,
  // The suites mostly wait on handler processes, loopback fakes and timers, not on the CPU: two
  // workers on a 2-core machine took the whole run from 523 s (one worker) to 262 s.
  maxWorkers: 2,
};
