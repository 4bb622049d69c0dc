import { describe, expect, it } from "vitest";
import { convertToBoolean, convertToDouble, convertToFloat, convertToInt, convertToMemorySize, type RawValue } from "../src/model/convert.js";
import { JavaException } from "../src/model/java-exception.js";
import { isSupportedVersion, versionFacts, DEFAULT_VERSION_BY_DIALECT } from "../src/model/versions.js";

const str = (text: string): RawValue => ({ type: "string", text });
const messageOf = (f: () => unknown): string => {
  try {
    f();
    return "";
  } catch (e) {
    return e instanceof JavaException ? e.message : String(e);
  }
};

describe("conversions", () => {
  it("fractions are floats widened to double", () => {
    expect(convertToFloat(str("0.1"))).toBe(0.10000000149011612);
    expect(convertToFloat(str(" 1e-1f "))).toBe(0.10000000149011612);
    expect(convertToFloat(str("0x1p-2"))).toBe(0.25);
    expect(convertToFloat({ type: "float", value: 0.4, text: "0.4" })).toBe(0.4000000059604645);
    expect(messageOf(() => convertToFloat({ type: "float", value: 1e-50, text: "1.0E-50" }))).toBe("Configuration value 1.0E-50 overflows/underflows the float type.");
    expect(messageOf(() => convertToFloat(str("40%")))).toBe('For input string: "40%"');
    expect(messageOf(() => convertToFloat(str("")))).toBe("empty String");
    expect(Number.isNaN(convertToFloat(str("NaN")))).toBe(true);
  });

  it("ints", () => {
    expect(convertToInt(str("8"))).toBe(8);
    expect(messageOf(() => convertToInt(str(" 8")))).toBe('For input string: " 8"');
    expect(messageOf(() => convertToInt(str("2147483648")))).toBe('For input string: "2147483648"');
    expect(messageOf(() => convertToInt({ type: "int", value: 2147483648n, text: "2147483648" }))).toBe("Configuration value 2147483648 overflows/underflows the integer type.");
    expect(messageOf(() => convertToInt({ type: "float", value: 4, text: "4.0" }))).toBe('For input string: "4.0"');
  });

  it("doubles, booleans and sizes", () => {
    expect(convertToDouble(str("1e400"))).toBe(Infinity);
    expect(convertToBoolean(str("TRUE"))).toBe(true);
    expect(messageOf(() => convertToBoolean(str("on")))).toBe("Unrecognized option for boolean: on. Expected either true or false(case insensitive)");
    expect(convertToMemorySize({ type: "int", value: 1728n, text: "1728" })).toBe(1728n);
    expect(messageOf(() => convertToMemorySize({ type: "float", value: 1e9, text: "1.0E9" }))).toMatch(/unit '.0e9'/);
  });
});

describe("version facts", () => {
  it("has one table of per-version facts", () => {
    expect(versionFacts("1.16").networkMaxDefaultBytes).toBe(1n << 30n);
    expect(versionFacts("1.17").networkMaxDefaultBytes).toBe((1n << 63n) - 1n);
    expect(versionFacts("1.20").legacyHeapKeys).toBe(true);
    expect(versionFacts("2.0").legacyHeapKeys).toBe(false);
    expect(versionFacts("2.1").jobManagerErrorPrefix).toBe(false);
    expect(DEFAULT_VERSION_BY_DIALECT).toEqual({ legacy: "1.20", standard: "2.1" });
    expect(isSupportedVersion("1.11")).toBe(true);
    expect(isSupportedVersion("1.10")).toBe(false);
    expect(isSupportedVersion("2.2.1")).toBe(true);
  });
});
