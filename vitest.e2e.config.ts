import { defineConfig } from "vitest/config";

// The built binaries, started as a user or an editor starts them: `npm test` runs these after
// `npm run build`. Everything else calls `run(argv, io)` in process and needs no build.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".ci/results/e2e.json" },
  },
});
