import { defineConfig } from "vitest/config";

// Tests that need tools a fresh machine lacks (pre-commit, Chromium); .ci/run installs them first.
// test/browser drives the built playground (dist/web), so it runs after `npm run build`.
export default defineConfig({
  test: {
    include: ["test/integration/**/*.test.ts", "test/browser/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/results/integration.json" },
  },
});
