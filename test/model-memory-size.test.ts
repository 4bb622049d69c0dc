import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFixed3, formatFixed3FromDigits, parseMemorySize, toCompactString, toHumanReadableString, toShortSize, LONG_MAX } from "../src/model/memory-size.js";
import { javaHashMapOrder, javaStringHash } from "../src/model/java-hashmap.js";

const errorOf = (text: string): string => {
  const parsed = parseMemorySize(text);
  return parsed.ok ? "" : `${parsed.code}: ${parsed.error.message}`;
};

describe("MemorySize.parse", () => {
  it("accepts Flink's units, spaces and leading zeros", () => {
    expect(parseMemorySize("1728m")).toEqual({ ok: true, bytes: 1811939328n, unitless: false });
    expect(parseMemorySize(" 2 GB ")).toMatchObject({ bytes: 2n * 1024n ** 3n });
    expect(parseMemorySize("1kibibytes")).toMatchObject({ bytes: 1024n });
    expect(parseMemorySize("3 bytes")).toMatchObject({ bytes: 3n });
    expect(parseMemorySize("7t")).toMatchObject({ bytes: 7n * 1024n ** 4n });
    expect(parseMemorySize("0")).toEqual({ ok: true, bytes: 0n, unitless: true });
  });

  it("rejects with Flink's messages P1–P5", () => {
    expect(errorOf("   ")).toBe("P1: argument is an empty- or whitespace-only string");
    expect(errorOf("+1m")).toBe("P2: text does not start with a number");
    expect(errorOf("9223372036854775808")).toBe("P3: The value '9223372036854775808' cannot be re represented as 64bit number (numeric overflow).");
    expect(errorOf(" 8388608t")).toBe("P4: The value ' 8388608t' cannot be re represented as 64bit number of bytes (numeric overflow).");
    expect(errorOf("1_000m")).toMatch(/^P5: Memory size unit '_000m' does not match/);
    expect(errorOf("0x10")).toMatch(/^P5: Memory size unit 'x10'/);
    expect(parseMemorySize("9223372036854775807b")).toMatchObject({ ok: true, bytes: LONG_MAX });
  });
});

describe("MemorySize text forms", () => {
  it("toHumanReadableString", () => {
    expect(toHumanReadableString(0n)).toBe("0 bytes");
    expect(toHumanReadableString(1024n)).toBe("1024 bytes");
    expect(toHumanReadableString(1088n)).toBe("1.063kb (1088 bytes)");
    expect(toHumanReadableString(1048576n)).toBe("1024.000kb (1048576 bytes)");
    expect(toHumanReadableString(1811939328n)).toBe("1.688gb (1811939328 bytes)");
    expect(toHumanReadableString(LONG_MAX)).toBe("8388608.000tb (9223372036854775807 bytes)");
  });

  it("toString (compact)", () => {
    expect(toCompactString(134217728n)).toBe("128 mb");
    expect(toCompactString(0n)).toBe("0 bytes");
    expect(toCompactString(1234n)).toBe("1234 bytes");
    expect(toCompactString(1024n ** 3n)).toBe("1 gb");
  });

  it("%.3f rounds half up", () => {
    expect(formatFixed3(1.0625)).toBe("1.063");
    expect(formatFixed3(0.0005)).toBe("0.001");
    expect(formatFixed3(30.4)).toBe("30.400");
  });
});

describe("Java HashMap order", () => {
  it("hashes strings like Java", () => {
    expect(javaStringHash("hello")).toBe(99162322);
  });

  it("orders JobManager dynamic configs as Flink prints them", () => {
    expect(
      javaHashMapOrder([
        "jobmanager.memory.heap.size",
        "jobmanager.memory.off-heap.size",
        "jobmanager.memory.jvm-metaspace.size",
        "jobmanager.memory.jvm-overhead.min",
        "jobmanager.memory.jvm-overhead.max",
      ]),
    ).toEqual([
      "jobmanager.memory.off-heap.size",
      "jobmanager.memory.jvm-overhead.min",
      "jobmanager.memory.jvm-metaspace.size",
      "jobmanager.memory.heap.size",
      "jobmanager.memory.jvm-overhead.max",
    ]);
  });
});

describe("formatFixed3's fast path for whole thousandths", () => {
  it("agrees with the digit-based rounding on sizes and on arbitrary doubles", () => {
    // Sizes as toHumanReadableString divides them: bytes over a unit, in [1, 1024).
    const sizes = fc.tuple(fc.bigInt({ min: 1n, max: 2n ** 50n }), fc.constantFrom(1024, 1024 ** 2, 1024 ** 3, 1024 ** 4));
    fc.assert(
      fc.property(sizes, ([bytes, unit]) => {
        const d = Number(bytes) / unit;
        expect(formatFixed3(d)).toBe(formatFixed3FromDigits(d));
      }),
      { seed: 7, numRuns: 2000 },
    );
    const thousandths = fc.integer({ min: 0, max: 2_000_000_000 }).map((k) => k / 1000);
    fc.assert(
      fc.property(fc.oneof(thousandths, fc.double({ min: 0, max: 1e12, noNaN: true })), (d) => {
        expect(formatFixed3(d)).toBe(formatFixed3FromDigits(d));
      }),
      { seed: 11, numRuns: 5000 },
    );
  });
});

describe("toShortSize", () => {
  it("is exact while a unit divides the size into at most five digits, else three decimals", () => {
    expect(toShortSize(64n << 20n)).toBe("64m");
    expect(toShortSize(2n << 30n)).toBe("2g");
    expect(toShortSize(1216n << 20n)).toBe("1216m");
    expect(toShortSize(32n << 10n)).toBe("32k");
    expect(toShortSize(2097152000n)).toBe("2000m");
    expect(toShortSize(2097152001n)).toBe("1.953g");
    expect(toShortSize(34865156n << 10n)).toBe("33.250g");
    expect(toShortSize(900n)).toBe("900b");
    expect(toShortSize(-(64n << 20n))).toBe("-64m");
  });
});
