import { defineConfig } from "vitest/config";

// Tests that need tools a fresh machine lacks (pre-commit); .ci/run installs them first.
export default defineConfig({
  test: {
    include: ["test/integration/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/results/integration.json" },
  },
});
