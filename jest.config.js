/**
 * One run for every test: unit (*.spec.ts), integration (*.int-spec.ts),
 * API e2e (apps/api/test/*.e2e-spec.ts) and SPA e2e (apps/web-e2e).
 * The global setup starts a throwaway PostgreSQL and a mail catcher unless
 * DATABASE_URL / SMTP_URL are set.
 */
const swc = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs', ignoreDynamic: true },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  // content-disposition 3 (via @fastify/static) is ESM-only; Node 20 loads it, jest's CJS runtime needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@plinth/(.*)$': '<rootDir>/libs/$1/src' },
  rootDir: __dirname,
};

module.exports = {
  globalSetup: '<rootDir>/libs/testing/src/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.mjs',
  testTimeout: 30_000,
  projects: [
    {
      ...shared,
      displayName: 'api',
      testMatch: [
        '<rootDir>/apps/api/**/*.spec.ts',
        '<rootDir>/apps/api/**/*.int-spec.ts',
        '<rootDir>/apps/api/test/**/*.e2e-spec.ts',
        '<rootDir>/libs/*/src/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'web-e2e',
      testMatch: ['<rootDir>/apps/web-e2e/src/**/*.e2e-spec.ts'],
    },
  ],
};
