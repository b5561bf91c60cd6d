/**
 * `npm run test:scale`: Plinth scaled out — several built API processes and a
 * worker behind a round-robin proxy, through pgbouncer (transaction mode) and
 * Redis — and its faults (a process, PostgreSQL, SMTP or the worker going away).
 * Apart from the default run (jest.config.js does not look in tools/): it takes
 * minutes, needs pgbouncer and redis-server (tools/test/ensure-scale-deps.mjs)
 * and the API built (`npx nx build api`). Each file starts its own topology;
 * files run one after another (2 cores).
 */
const { projects } = require('../../../jest.config.js');

const api = projects.find((project) => project.displayName === 'api');

module.exports = {
  displayName: 'scale',
  rootDir: api.rootDir,
  testEnvironment: 'node',
  transform: api.transform,
  transformIgnorePatterns: api.transformIgnorePatterns,
  moduleNameMapper: api.moduleNameMapper,
  testMatch: ['<rootDir>/tools/test/scale/**/*.scale-spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
};
