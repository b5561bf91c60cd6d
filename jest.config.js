/**
 * One run for every test: unit (*.spec.ts), integration (*.int-spec.ts),
 * API e2e (apps/api/test/*.e2e-spec.ts), SPA components (apps/web, jsdom)
 * and SPA e2e (apps/web-e2e).
 * The global setup starts a throwaway PostgreSQL and a mail catcher unless
 * DATABASE_URL / SMTP_URL are set. It belongs to the projects that need them,
 * so `--selectProjects web` starts neither.
 */
const swc = {
  swcrc: false,
  sourceMaps: 'inline',
  // `import()` becomes a lazy require, as in the build (.swcrc): jest's CommonJS runtime has no native dynamic import.
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

const shared = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/libs/testing/src/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.mjs',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  // content-disposition 3 (via @fastify/static) is ESM-only; Node 20 loads it, jest's CJS runtime needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    // A file of dev-services by its name (the CommonJS `free-port.cjs`), before the rule for a lib's index.
    '^@plinth/dev-services/(.*)$': '<rootDir>/libs/dev-services/src/$1',
    '^@plinth/(.*)$': '<rootDir>/libs/$1/src',
  },
  rootDir: __dirname,
};

// The SPA as Vite builds it (apps/web/tsconfig.json: "jsx": "react-jsx"): TSX with React's automatic runtime, no decorators.
const swcWeb = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs', ignoreDynamic: true },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
  },
};

module.exports = {
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
    {
      displayName: 'web',
      rootDir: __dirname,
      // jsdom plus the fetch API of Node, as the SPA's API client needs it (see the file).
      testEnvironment: '<rootDir>/apps/web/src/test/jsdom-environment.ts',
      // Components (*.test.tsx) and the pure helpers beside them (*.spec.ts).
      testMatch: ['<rootDir>/apps/web/src/**/*.test.tsx', '<rootDir>/apps/web/src/**/*.spec.ts'],
      transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcWeb] },
      moduleNameMapper: {
        '^@plinth/(.*)$': '<rootDir>/libs/$1/src',
        // Vite bundles stylesheets (CSS modules too); under jest they are a stub.
        '\\.css$': '<rootDir>/apps/web/src/test/style-stub.ts',
      },
      setupFilesAfterEnv: ['<rootDir>/apps/web/src/test/setup.ts'],
    },
  ],
};
