import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extended } from "../src/util/objects.js";

const KEY = fc.string().filter((key) => key !== "__proto__");

describe("extended", () => {
  it("is the spread { ...base, ...extra }: same keys, same order, later ones winning, base untouched", () => {
    fc.assert(
      // Object.assign sets `__proto__` where a spread defines it: keys of ours, never that one.
      fc.property(fc.dictionary(KEY, fc.jsonValue()), fc.dictionary(KEY, fc.jsonValue()), (base, extra) => {
        const before = JSON.stringify(base);
        const made = extended(base, extra);
        expect(Object.keys(made)).toEqual(Object.keys({ ...base, ...extra }));
        expect(made).toEqual({ ...base, ...extra });
        expect(made).not.toBe(base);
        expect(JSON.stringify(base)).toBe(before);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
