import { defineConfig } from 'vitest/config';

// Real-browser tests of the widget (npm run test:browser). They need Chromium, so `npm test` leaves them out.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    setupFiles: ['test/setup-network.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
