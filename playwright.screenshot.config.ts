import { defineConfig } from '@playwright/test';
import e2e from './playwright.config';

/**
 * `npm run screenshot`: only the README's picture (test/e2e/screenshot.spec.ts). The e2e
 * config leaves that spec out because it rewrites the tracked docs/screenshots/session.png,
 * which a test run must not do.
 */
export default defineConfig({
  ...e2e,
  testMatch: '**/screenshot.spec.ts',
  testIgnore: [],
});
