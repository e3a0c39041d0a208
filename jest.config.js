/** Unit tests (the engine, pure and fast) and integration tests (a real Strapi over HTTP). */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/plugin/**/*.test.ts', '<rootDir>/server/**/*.test.ts'],
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
  ],
};
