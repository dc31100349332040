import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

// Unit tests of the console's own logic (forms, countdowns, formatting, i18n).
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: { include: ['src/**/*.test.ts'], environment: 'happy-dom' },
  }),
);
