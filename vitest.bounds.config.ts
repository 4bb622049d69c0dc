import { defineConfig } from "vitest/config";

// The adversarial corpus through the CLI, after the main suite and alone: its large runs (a 50 MB
// input, a 146 MB report) want the machine's memory and both cores, and its growth ratios should
// measure flinklint rather than other test files. No test asserts a time; a hang is killed.
export default defineConfig({
  test: {
    include: ["test/adversarial.test.ts"],
    // Above the CLI's hang guard (HANG_MS), for a test of several runs on a busy machine.
    testTimeout: 300_000,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/results/bounds.json" },
  },
});
