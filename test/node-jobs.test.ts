import { describe, expect, it } from "vitest";
import { defaultJobs } from "../src/node/lint-pool.js";

describe("defaultJobs", () => {
  it("takes one thread for a few files and half the CPUs for a large tree", () => {
    expect(defaultJobs(1, 8)).toBe(1);
    expect(defaultJobs(400, 8)).toBe(1);
    expect(defaultJobs(600, 8)).toBe(2);
    expect(defaultJobs(10_000, 8)).toBe(4);
    expect(defaultJobs(10_000, 2)).toBe(1);
    expect(defaultJobs(10_000, 3)).toBe(1);
    expect(defaultJobs(10_000, 1)).toBe(1);
  });
});
