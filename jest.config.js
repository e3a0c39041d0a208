/** Unit tests (the engine, pure and fast), integration tests (a real Strapi over HTTP), browser tests. */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/plugin/**/*.test.ts', '<rootDir>/server/**/*.test.ts', '<rootDir>/shared/**/*.test.ts', '<rootDir>/client/**/*.test.ts?(x)'],
      transform,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      maxWorkers: 1,
    },
    {
      // `npm run test:postgres` and `npm run test:mysql` (with the integration project): several
      // instances on one server database.
      displayName: 'instances',
      testMatch: ['<rootDir>/tests/instances/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      maxWorkers: 1,
    },
    {
      // `npm run test:postgres`: PostgreSQL stopped and restarted under load.
      displayName: 'postgres',
      testMatch: ['<rootDir>/tests/postgres/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      maxWorkers: 1,
    },
    {
      // `npm run test:browser`: the admin in Debian's Chromium against `strapi start`.
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      maxWorkers: 1,
    },
  ],
};
