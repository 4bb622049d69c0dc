import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that need tools a fresh machine lacks run with `npm run test:integration`; the
    // adversarial corpus runs alone afterwards (vitest.bounds.config.ts).
    exclude: ["test/integration/**", "test/adversarial.test.ts", "**/node_modules/**"],
    testTimeout: 30_000,
    // In CI, also keep a machine-readable summary for .ci/run's closing line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/results/unit.json" },
  },
});
