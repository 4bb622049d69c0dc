// Flink converts a value to its option's type only when it reads the option, and then throws
// (IllegalArgumentException / NumberFormatException) on a value it cannot convert:
// ConfigurationUtils.convertValue, TimeUtils.parseDuration.
import { catalogFor, memoryKeySet, type CatalogOption } from "../src/model/catalog.js";
import { parseJavaFloatingText, parseJavaInt } from "../src/model/convert.js";
import { javaTrim, LONG_MAX } from "../src/model/memory-size.js";
import { parseVersion } from "../src/model/versions.js";
import { hasTemplatePlaceholder } from "../src/parser/placeholders.js";
import { lastEntry } from "./support/report.js";
import { closestMatch } from "../src/util/did-you-mean.js";
import { clip } from "../src/util/text.js";
import { defineRule, type ConfigValue, type Fix } from "../src/types.js";

/** TimeUtils.TimeUnit labels (singular ones as is, plural ones also with an "s"), in nanoseconds. */
const DURATION_UNITS: Record<string, number> = {};
for (const [nanos, singular, plural] of [
  [86_400e9, ["d"], ["day"]],
  [3_600e9, ["h"], ["hour"]],
  [60e9, ["min", "m"], ["minute"]],
  [1e9, ["s"], ["sec", "second"]],
  [1e6, ["ms"], ["milli", "millisecond"]],
  [1e3, ["µs"], ["micro", "microsecond"]],
  [1, ["ns"], ["nano", "nanosecond"]],
] as const) {
  for (const label of singular) DURATION_UNITS[label] = nanos;
  for (const label of plural) DURATION_UNITS[label] = DURATION_UNITS[`${label}s`] = nanos;
}
const ISO_8601 = /^[-+]?P(?:[-+]?\d+D)?(?:T(?=[-+]?\d)(?:[-+]?\d+H)?(?:[-+]?\d+M)?(?:[-+]?\d+(?:[.,]\d{0,9})?S)?)?$/i;

const BOOLEAN_GUESSES: Record<string, string> = {
  yes: "true", y: "true", on: "true", "1": "true", enabled: "true", enable: "true",
  no: "false", n: "false", off: "false", "0": "false", disabled: "false", disable: "false",
};

/** What a message says of a value: `reason` why Flink cannot convert it, `want` what to write instead. */
type Problem =
  | { messageId: "boolean" | "integer" | "long" | "floating" | "duration" | "enum" | "shortcut" | "map"; reason?: string; want: string; replacement?: string; severity?: "warning" }
  | { messageId: "durationUnitless"; millis: string; severity: "warning" };

function atLeast(version: string, major: number, minor: number): boolean {
  const v = parseVersion(version) ?? [2, 2];
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

function checkDuration(text: string, version: string): string | undefined {
  const trimmed = javaTrim(text);
  if (trimmed === "") return "it is empty";
  const number = /^\d*/.exec(trimmed)?.[0] ?? "";
  if (number === "") {
    if (atLeast(version, 2, 1)) {
      if (!ISO_8601.test(trimmed)) return "no leading number, and not ISO-8601 like `PT30S`";
      if (trimmed.startsWith("-")) return "it is negative";
      return undefined;
    }
    return `no leading number; ISO-8601 durations need Flink 2.1+`;
  }
  const unit = javaTrim(trimmed.slice(number.length)).toLowerCase();
  if (unit !== "" && DURATION_UNITS[unit] === undefined) return `unknown unit "${clip(unit, 20)}"`;
  // Nine digits of days stay far inside a long and a Duration: the usual value needs no BigInt.
  if (number.length <= 9) return undefined;
  if (!atLeast(version, 2, 0) && BigInt(number) > LONG_MAX) return "the number overflows a Java long";
  const nanos = BigInt(DURATION_UNITS[unit] ?? 1e6);
  if ((BigInt(number) * nanos) / 1_000_000_000n > LONG_MAX) return "it overflows Java's Duration";
  return undefined;
}

function checkMap(text: string): string | undefined {
  const t = text.trim();
  if (t === "" || t.startsWith("{") || /["']/.test(t)) return undefined;
  const items = t.split(",");
  for (const item of items) {
    if (item.split(":").length !== 2) return items.length === 1 ? "not a key:value pair" : `"${clip(item, 30)}" is not a key:value pair`;
  }
  return undefined;
}

function check(option: CatalogOption, value: ConfigValue, version: string): Problem | undefined {
  const text = value.text;
  switch (option.type) {
    case "Boolean": {
      if (value.type === "bool") return undefined;
      const upper = text.toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") return undefined;
      const guess = BOOLEAN_GUESSES[javaTrim(text).toLowerCase()];
      return { messageId: "boolean", want: guess === undefined ? "true or false (any case)" : `\`${guess}\``, ...(guess !== undefined && { replacement: guess }) };
    }
    case "Integer": {
      try {
        parseJavaInt(text);
        return undefined;
      } catch {
        return { messageId: "integer", want: /^[+-]?\d+$/.test(text) ? "a whole number from -2147483648 to 2147483647" : "a whole number" };
      }
    }
    case "Long": {
      if (/^[+-]?\d+$/.test(text) && BigInt(text) <= LONG_MAX && BigInt(text) >= -LONG_MAX - 1n) return undefined;
      return { messageId: "long", want: /^[+-]?\d+$/.test(text) ? "a whole number within Java's long range" : "a whole number" };
    }
    case "Double":
    case "Float": {
      if (value.type === "float" || value.type === "int") return undefined;
      try {
        parseJavaFloatingText(text);
        return undefined;
      } catch {
        return { messageId: "floating", want: "a decimal number, e.g. `0.5`" };
      }
    }
    case "Duration": {
      const reason = checkDuration(text, version);
      if (reason !== undefined) return { messageId: "duration", reason, want: "a number and a unit, e.g. `30 s`" };
      const trimmed = javaTrim(text);
      // A bare number is milliseconds: `heartbeat.timeout: 50` is 50 ms, not 50 s.
      if (/^\d+$/.test(trimmed) && Number(trimmed) > 0 && Number(trimmed) < 1000 && meantSeconds(option)) {
        return { messageId: "durationUnitless", millis: trimmed, severity: "warning" };
      }
      return undefined;
    }
    case "Enum": {
      if (option.values === undefined) return undefined;
      const upper = text.toUpperCase();
      if (option.values.some((v) => v.toUpperCase() === upper)) return undefined;
      const guess = closestMatch(upper, option.values.map((v) => v.toUpperCase()));
      const original = option.values.find((v) => v.toUpperCase() === guess);
      return { messageId: "enum", reason: listed(option.values), want: original === undefined ? "one of them (any case)" : `\`${original}\``, ...(original !== undefined && { replacement: original }) };
    }
    case "String": {
      if (!option.valuesAreShortcuts || option.values === undefined) return undefined;
      const lower = javaTrim(text).toLowerCase();
      // Anything else is taken for a factory class name, which must then be on the class path.
      if (option.values.includes(lower) || /[.$]/.test(text)) return undefined;
      // The 1.x state backend names that 2.x dropped (both meant the heap backend, now `hashmap`).
      const renamed = (lower === "jobmanager" || lower === "filesystem") && option.values.includes("hashmap") ? "hashmap" : undefined;
      const guess = renamed ?? closestMatch(lower, option.values);
      return { messageId: "shortcut", reason: listed(option.values), want: guess === undefined ? "one of them or a class name" : `\`${guess}\``, ...(guess !== undefined && { replacement: guess }) };
    }
    case "Map": {
      const reason = checkMap(text);
      return reason === undefined ? undefined : { messageId: "map", reason, want: "`k1:v1,k2:v2`" };
    }
    default:
      return undefined;
  }
}

/** Values for a message: all of them while short, else the first few and "…" (the docs list all). */
function listed(values: readonly string[], max = 60): string {
  let text = "";
  for (const v of values) {
    const next = text === "" ? v : `${text}, ${v}`;
    if (next.length > max) return `${text}, …`;
    text = next;
  }
  return text;
}

function meantSeconds(option: CatalogOption): boolean {
  const def = option.defaultText;
  if (def === undefined) return /interval|timeout/.test(option.key);
  return /^\d+\s*(s|min|h|d)$/.test(def.trim());
}

export default defineRule({
  meta: {
    id: "value-type",
    severity: "error",
    description: "A value Flink cannot convert to its option's type, or a bare duration Flink reads as milliseconds",
    messages: {
      boolean: "Flink fails reading `{{key}}`: `{{value}}` is not a boolean; write {{want}}.",
      integer: "Flink fails reading `{{key}}`: `{{value}}` is not an Integer; write {{want}}.",
      long: "Flink fails reading `{{key}}`: `{{value}}` is not a Long; write {{want}}.",
      floating: "Flink fails reading `{{key}}`: `{{value}}` is not a {{type}}; write {{want}}.",
      duration: "Flink fails reading `{{key}}`: `{{value}}` is not a duration ({{reason}}); write {{want}}.",
      enum: "Flink fails reading `{{key}}`: `{{value}}` is not one of {{reason}}; write {{want}}.",
      shortcut: "Flink fails loading `{{value}}` as a class for `{{key}}`: it is not a shortcut ({{reason}}); write {{want}}.",
      map: "Flink fails reading `{{key}}`: `{{value}}` is not a map ({{reason}}); write {{want}}.",
      durationUnitless: "Flink reads `{{key}}: {{value}}` as {{millis}} ms{{default}}; add the unit you mean, e.g. `{{millis}} s`.",
    },
    docs: {
      why:
        "Flink keeps values as text (or, in `config.yaml`, as YAML scalars) and converts them when an option is " +
        "read. A value it cannot convert throws, so the JobManager or TaskManager fails at start-up, or the job " +
        "fails when it reads the option: these are errors. Booleans are `true`/`false` in any case (`yes`, `on`, " +
        "`1` are not booleans); Integer and Long are Java's 32/64-bit ranges; Enum values match in any case; a " +
        "duration is whole digits and an optional unit (d, h, min/m, s, ms, µs, ns, or day(s), hour(s), minute(s), " +
        "sec(s)/second(s), milli(s)/millisecond(s), micro(s)/microsecond(s), nano(s)/nanosecond(s)), or from " +
        "Flink 2.1 an ISO-8601 duration such as `PT30S`; `state.backend.type` and similar options take a shortcut " +
        "name or a class name. A duration without a unit is milliseconds, which is valid but rarely meant for " +
        "options counted in seconds (`heartbeat.timeout: 50`): that is a warning. Memory sizes are checked by " +
        "`memory-size-invalid`, and the memory model's numbers by the memory rules.",
      valid: [
        { dialect: "standard", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nexecution.checkpointing.interval: 30 s\nstate.backend.type: RocksDB\nweb.submit.enable: False\n" },
      ],
      invalid: [
        { dialect: "standard", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nweb.submit.enable: yes\n" },
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nstate.backend.type: rocksd\n" },
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\nexecution.checkpointing.interval: 1.5 min\n" },
      ],
    },
  },
  check(ctx) {
    const catalog = catalogFor(ctx.flinkVersion, ctx.session);
    const memoryKeys = memoryKeySet(ctx.flinkVersion, ctx.session);
    for (const key of ctx.doc.byKey.keys()) {
      const target = catalog.replacementOf(key) ?? key;
      const option = catalog.option(target);
      if (option === undefined || option.type === "MemorySize" || option.type === "String" && !option.valuesAreShortcuts) continue;
      if (memoryKeys.has(key)) continue;
      // A deprecated key is read only when its replacement is absent.
      if (target !== key && ctx.doc.config.has(target)) continue;
      const entry = lastEntry(ctx.doc, key);
      // Filled in before Flink reads it (`${PARALLELISM}`, `%SLOTS%`): template-placeholder notes it.
      if (entry === undefined || hasTemplatePlaceholder(entry.value.text)) continue;
      const problem = check(option, entry.value, ctx.flinkVersion);
      if (problem === undefined) continue;
      const data: Record<string, string> = { key, value: clip(entry.value.text), type: option.type };
      let suggestions: Fix[] | undefined;
      if (problem.messageId === "durationUnitless") {
        data["millis"] = problem.millis;
        data["default"] = option.defaultText === undefined ? "" : ` (the default is ${option.defaultText})`;
        suggestions = [{ description: `write ${problem.millis} s`, edits: [{ range: entry.valueRange, text: `${problem.millis} s` }] }];
      } else {
        data["want"] = problem.want;
        if (problem.reason !== undefined) data["reason"] = problem.reason;
        // The exception Configuration.getOptional wraps a failed conversion in (a shortcut is a class name to load instead).
        if (problem.messageId !== "shortcut") data["flinkMessage"] = `Could not parse value '${entry.value.text}' for key '${option.key}'.`;
        if (problem.replacement !== undefined) {
          suggestions = [{ description: `write ${problem.replacement}`, edits: [{ range: entry.valueRange, text: problem.replacement }] }];
        }
      }
      ctx.report({
        messageId: problem.messageId,
        at: entry.valueRange,
        key,
        data,
        ...(problem.severity && { severity: problem.severity }),
        ...(suggestions && { suggestions }),
      });
    }
  },
});
