import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that need tools a fresh machine lacks (pre-commit, Chromium for test/browser) run with
    // `npm run test:integration`; those of the built binaries (test/e2e) after the build, and the
    // adversarial corpus alone after them (vitest.e2e.config.ts, vitest.bounds.config.ts). What is
    // left needs no build.
    exclude: ["test/integration/**", "test/browser/**", "test/e2e/**", "test/adversarial.test.ts", "**/node_modules/**"],
    testTimeout: 30_000,
    // In CI, also keep a machine-readable summary for .ci/run's closing line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/results/unit.json" },
  },
});
