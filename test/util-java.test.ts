import { describe, expect, it } from "vitest";
import { javaDoubleToString } from "../src/util/java.js";

describe("javaDoubleToString", () => {
  it("writes what Java's Double.toString writes, on both sides of the plain range [1e-3, 1e7)", () => {
    const cases: Array<[number, string]> = [
      [0.4, "0.4"],
      [-0.5, "-0.5"],
      [100, "100.0"],
      [0.001, "0.001"],
      [0.0001, "1.0E-4"],
      [9999999, "9999999.0"],
      [1e7, "1.0E7"],
      [1234567.25, "1234567.25"],
      [123456789, "1.23456789E8"],
      [1.5e9, "1.5E9"],
      [-2.5e-7, "-2.5E-7"],
      [0.30000000000000004, "0.30000000000000004"],
      [Math.fround(0.7), "0.699999988079071"],
      [0, "0.0"],
      [-0, "-0.0"],
      [Number.NaN, "NaN"],
      [Number.NEGATIVE_INFINITY, "-Infinity"],
    ];
    for (const [value, text] of cases) expect([value, javaDoubleToString(value)]).toEqual([value, text]);
  });
});
