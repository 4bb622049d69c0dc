import { defineConfig } from "vitest/config";

// Tests that hold the CLI to a time bound per run (the adversarial corpus: 5 s each on a 2-core
// machine). They run on their own, after the main suite: beside other test files on two cores,
// a run's wall time would measure the other files as much as flinklint.
export default defineConfig({
  test: {
    include: ["test/adversarial.test.ts"],
    testTimeout: 60_000,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/results/bounds.json" },
  },
});
