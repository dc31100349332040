import { defineConfig } from 'vitest/config';
import { fileURLToPath, URL } from 'node:url';

// Browser tests (tests/e2e/): Debian's Chromium through playwright-core
// against the real `lingting` binary. Two files at a time: each starts its
// own server (its own store and port) and browser, and a page spends much
// of its time waiting on the other, so that two keep two cores busy.
export default defineConfig({
  root: fileURLToPath(new URL('../tests/e2e', import.meta.url)),
  test: {
    include: ['**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    // What a person waits for on a busy two-core machine, not a unit test's second.
    expect: { poll: { timeout: 5000, interval: 50 } },
    reporters: ['verbose'],
  },
});
