/** SPEC §13 worked examples (Flink 1.11+), as unit tests of the derivation. */
import { describe, expect, it } from "vitest";
import {
  deriveJobManagerMemory,
  deriveTaskManagerMemory,
  type JobManagerMemoryResult,
  type TaskManagerMemoryResult,
} from "../src/model/memory.js";
import { parseMemorySize } from "../src/model/memory-size.js";
import type { ConfigValue, Deployment } from "../src/types.js";

function config(values: Record<string, string>): Map<string, ConfigValue> {
  return new Map(Object.entries(values).map(([k, text]) => [k, { type: "string", text }]));
}

function tm(values: Record<string, string>, flinkVersion = "1.20", deployment: Deployment = "standalone"): TaskManagerMemoryResult {
  return deriveTaskManagerMemory(config(values), { flinkVersion, deployment });
}

function jm(values: Record<string, string>, flinkVersion = "1.20", deployment: Deployment = "standalone"): JobManagerMemoryResult {
  return deriveJobManagerMemory(config(values), { flinkVersion, deployment });
}

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
  return result as Extract<T, { ok: true }>;
}

function failed<T extends { ok: boolean }>(result: T): Extract<T, { ok: false }> {
  if (result.ok) throw new Error("expected a failure");
  return result as Extract<T, { ok: false }>;
}

const MB = 1048576n;
const DEFAULT_TM = { "taskmanager.memory.process.size": "1728m" };

describe("TaskManager examples", () => {
  it("Ex 1: docs capped-fraction example 1", () => {
    const r = ok(tm({ "taskmanager.memory.process.size": "1000m", "taskmanager.memory.jvm-overhead.min": "64m", "taskmanager.memory.jvm-overhead.max": "128m", "taskmanager.memory.jvm-overhead.fraction": "0.1" }));
    expect(r.bytes.jvmOverhead).toBe(104857601n);
    expect(r.bytes.totalFlink).toBe(675282943n);
    expect(r.bytes.managed).toBe(270113181n);
    expect(r.bytes.network).toBe(67528295n);
    expect(r.bytes.taskHeap).toBe(69206011n);
    expect(r.jvmArgs).toBe("-Xmx203423739 -Xms203423739 -XX:MaxDirectMemorySize=201746023 -XX:MaxMetaspaceSize=268435456");
  });

  it("Ex 2: overhead raised to its min", () => {
    const r = ok(tm({ "taskmanager.memory.process.size": "1000m", "taskmanager.memory.jvm-overhead.min": "128m", "taskmanager.memory.jvm-overhead.max": "256m", "taskmanager.memory.jvm-overhead.fraction": "0.1" }));
    expect(r.bytes.jvmOverhead).toBe(134217728n);
    expect(r.bytes.totalFlink).toBe(645922816n);
    expect(r.bytes.managed).toBe(258369130n);
    expect(r.bytes.network).toBe(67108864n);
    expect(r.bytes.taskHeap).toBe(52009366n);
    expect(r.jvmArgs).toContain("-Xmx186227094 ");
    expect(r.jvmArgs).toContain("-XX:MaxDirectMemorySize=201326592 ");
    expect(r.adjustments.map((a) => a.kind)).toEqual(["capped-min", "capped-min"]);
  });

  const ex3 = { "taskmanager.memory.process.size": "1000m", "taskmanager.memory.task.heap.size": "100m", "taskmanager.memory.jvm-overhead.min": "64m", "taskmanager.memory.jvm-overhead.max": "256m", "taskmanager.memory.jvm-overhead.fraction": "0.1" };
  const ex3Error = "TaskManager memory configuration failed: If Total Flink, Task Heap and (or) Managed Memory sizes are explicitly configured then the Network Memory size is the rest of the Total Flink memory after subtracting all other configured types of memory, but the derived Network Memory is inconsistent with its configuration.";

  it("Ex 3: docs example 3 as configured fails (network remainder below min)", () => {
    const r = failed(tm(ex3));
    expect(r.error).toBe(ex3Error);
    expect(r.causes[1]).toBe("Derived Network Memory size (30.400mb (31876706 bytes)) is not in configured Network Memory range [64.000mb (67108864 bytes), 8388608.000tb (9223372036854775807 bytes)].");
    expect(r.code).toBe("network-remainder-inconsistent");
  });

  it("Ex 3 on ≤1.16: network max 1g in the range", () => {
    const r = failed(tm(ex3, "1.16"));
    expect(r.causes[1]).toBe("Derived Network Memory size (30.400mb (31876706 bytes)) is not in configured Network Memory range [64.000mb (67108864 bytes), 1024.000mb (1073741824 bytes)].");
  });

  it("Ex 3b: overhead is the rest", () => {
    const r = ok(tm({ ...ex3, "taskmanager.memory.managed.size": "100m" }));
    expect(r.path).toBe("fine-grained");
    expect(r.bytes.network).toBe(67108864n);
    expect(r.bytes.totalFlink).toBe(545259520n);
    expect(r.bytes.jvmOverhead).toBe(234881024n);
    expect(r.jvmArgs).toBe("-Xmx239075328 -Xms239075328 -XX:MaxDirectMemorySize=201326592 -XX:MaxMetaspaceSize=268435456");
  });

  it("Ex 4: default 1728m TaskManager", () => {
    const r = ok(tm(DEFAULT_TM));
    expect(r.bytes.jvmOverhead).toBe(201326592n);
    expect(r.bytes.totalFlink).toBe(1342177280n);
    expect(r.bytes.managed).toBe(536870920n);
    expect(r.bytes.network).toBe(134217730n);
    expect(r.bytes.taskHeap).toBe(402653174n);
    expect(r.jvmArgs).toBe("-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456");
    expect(ok(tm(DEFAULT_TM, "2.1")).jvmArgs).toBe(r.jvmArgs);
  });

  it("Ex 5: flink.size 1280m only", () => {
    const r = ok(tm({ "taskmanager.memory.flink.size": "1280m" }));
    expect(r.bytes.jvmOverhead).toBe(201326592n);
    expect(r.bytes.totalProcess).toBe(1728n * MB);
    expect(r.bytes.managed).toBe(536870920n);
    expect(r.bytes.network).toBe(134217730n);
    expect(r.adjustments.find((a) => a.kind === "capped-min")?.derivedBytes).toBe(178956973n);
  });

  it("Ex 6: process.size 4g", () => {
    const r = ok(tm({ "taskmanager.memory.process.size": "4g" }));
    expect(r.bytes.jvmOverhead).toBe(429496736n);
    expect(r.bytes.totalFlink).toBe(3597035104n);
    expect(r.bytes.managed).toBe(1438814063n);
    expect(r.bytes.network).toBe(359703515n);
    expect(r.bytes.taskHeap).toBe(1530082070n);
    expect(r.jvmArgs).toContain("-Xmx1664299798 ");
    expect(r.jvmArgs).toContain("-XX:MaxDirectMemorySize=493921243 ");
  });

  it("Ex 7: process.size 16g, 1.17+ and ≤1.16", () => {
    const modern = ok(tm({ "taskmanager.memory.process.size": "16g" }));
    expect(modern.bytes.jvmOverhead).toBe(1073741824n);
    expect(modern.bytes.totalFlink).toBe(15837691904n);
    expect(modern.bytes.managed).toBe(6335076856n);
    expect(modern.bytes.network).toBe(1583769214n);
    expect(modern.bytes.taskHeap).toBe(7650410378n);
    expect(modern.jvmArgs).toContain("-Xmx7784628106 ");
    expect(modern.bytes.jvmDirect).toBe(1717986942n);
    const old = ok(tm({ "taskmanager.memory.process.size": "16g" }, "1.16"));
    expect(old.bytes.network).toBe(1073741824n);
    expect(old.bytes.taskHeap).toBe(8160437768n);
    expect(old.jvmArgs).toContain("-Xmx8294655496 ");
    expect(old.bytes.jvmDirect).toBe(1207959552n);
  });

  it("Ex 8: process.size 1g", () => {
    const r = ok(tm({ "taskmanager.memory.process.size": "1g" }));
    expect(r.bytes.jvmOverhead).toBe(192n * MB);
    expect(r.bytes.totalFlink).toBe(603979776n);
    expect(r.bytes.managed).toBe(241591914n);
    expect(r.bytes.network).toBe(64n * MB);
    expect(r.bytes.taskHeap).toBe(26843542n);
  });

  it("Ex 9: process.size 600m fails T2", () => {
    const r = failed(tm({ "taskmanager.memory.process.size": "600m" }));
    expect(r.error).toBe("TaskManager memory configuration failed: Sum of configured Framework Heap Memory (128.000mb (134217728 bytes)), Framework Off-Heap Memory (128.000mb (134217728 bytes)), Task Off-Heap Memory (0 bytes), Managed Memory (60.800mb (63753421 bytes)) and Network Memory (64.000mb (67108864 bytes)) exceed configured Total Flink Memory (152.000mb (159383552 bytes)).");
    expect(r.code).toBe("components-besides-task-heap-exceed-flink");
  });

  it("Ex 10: process.size 400m fails M2", () => {
    const r = failed(tm({ "taskmanager.memory.process.size": "400m" }));
    expect(r.error).toBe("TaskManager memory configuration failed: Sum of configured JVM Metaspace (256.000mb (268435456 bytes)) and JVM Overhead (192.000mb (201326592 bytes)) exceed configured Total Process Memory (400.000mb (419430400 bytes)).");
    expect(r.code).toBe("metaspace-and-overhead-exceed-process");
    expect(r.keys).toEqual(["taskmanager.memory.process.size"]);
  });

  it("Ex 11: flink 1280m + process 2000m (overhead remainder)", () => {
    const r = ok(tm({ "taskmanager.memory.flink.size": "1280m", "taskmanager.memory.process.size": "2000m" }));
    expect(r.bytes.jvmOverhead).toBe(486539264n);
    expect(r.bytes.managed).toBe(536870920n);
    expect(r.sources.jvmOverhead.how).toBe("remainder");
  });

  it("Ex 12: flink 1280m + process 1600m fails M4", () => {
    const r = failed(tm({ "taskmanager.memory.flink.size": "1280m", "taskmanager.memory.process.size": "1600m" }));
    expect(r.error).toBe("TaskManager memory configuration failed: Derived JVM Overhead size (64.000mb (67108864 bytes)) is not in configured JVM Overhead range [192.000mb (201326592 bytes), 1024.000mb (1073741824 bytes)].");
    expect(r.code).toBe("overhead-out-of-range");
  });

  it("Ex 13: flink 1280m + process 1500m fails M3", () => {
    const r = failed(tm({ "taskmanager.memory.flink.size": "1280m", "taskmanager.memory.process.size": "1500m" }));
    expect(r.error).toBe("TaskManager memory configuration failed: The configured Total Process Memory size (1.465gb (1572864000 bytes)) is less than the sum of the derived Total Flink Memory size (1.250gb (1342177280 bytes)) and the configured or default JVM Metaspace size  (256.000mb (268435456 bytes)).");
    expect(r.code).toBe("process-below-flink-and-metaspace");
  });

  it("Ex 14: fine-grained task heap 512m + managed 512m", () => {
    const r = ok(tm({ "taskmanager.memory.task.heap.size": "512m", "taskmanager.memory.managed.size": "512m" }));
    expect(r.bytes.network).toBe(149130811n);
    expect(r.bytes.totalFlink).toBe(1491308091n);
    expect(r.bytes.jvmOverhead).toBe(192n * MB);
    expect(r.bytes.totalProcess).toBe(1961070139n);
    expect(r.jvmArgs).toBe("-Xmx671088640 -Xms671088640 -XX:MaxDirectMemorySize=283348539 -XX:MaxMetaspaceSize=268435456");
  });

  it("Ex 15: fixed network 256m", () => {
    const r = ok(tm({ ...DEFAULT_TM, "taskmanager.memory.network.min": "256m", "taskmanager.memory.network.max": "256m" }));
    expect(r.bytes.network).toBe(268435456n);
    expect(r.bytes.taskHeap).toBe(268435448n);
    expect(r.bytes.jvmHeap).toBe(402653176n);
    expect(r.bytes.jvmDirect).toBe(402653184n);
  });

  it("Ex 16: network min above max fails M7", () => {
    const r = failed(tm({ ...DEFAULT_TM, "taskmanager.memory.network.min": "512m", "taskmanager.memory.network.max": "256m" }));
    expect(r.error).toBe("TaskManager memory configuration failed: Inconsistently configured Key: 'taskmanager.memory.network.fraction' , default: 0.1 (fallback keys: [{key=taskmanager.network.memory.fraction, isDeprecated=true}]) (0.10000000149011612) and its min (512.000mb (536870912 bytes)), max (256.000mb (268435456 bytes)) value");
    expect(r.causes.at(-1)).toBe("min value must be less or equal to max value");
    expect(r.reason).toBe("min-above-max");
  });

  it("Ex 17: managed fraction 1.0 fails M7", () => {
    const r = failed(tm({ ...DEFAULT_TM, "taskmanager.memory.managed.fraction": "1.0" }));
    expect(r.error).toBe("TaskManager memory configuration failed: Inconsistently configured Key: 'taskmanager.memory.managed.fraction' , default: 0.4 (fallback keys: []) (1.0) and its min (0 bytes), max (8388608.000tb (9223372036854775807 bytes)) value");
    expect(r.reason).toBe("fraction-out-of-range");
  });

  it("Ex 18: flink 1280m + task heap 600m fails T1; 200m works", () => {
    const r = failed(tm({ "taskmanager.memory.flink.size": "1280m", "taskmanager.memory.task.heap.size": "600m" }));
    expect(r.error).toBe("TaskManager memory configuration failed: Sum of configured Framework Heap Memory (128.000mb (134217728 bytes)), Framework Off-Heap Memory (128.000mb (134217728 bytes)), Task Heap Memory (600.000mb (629145600 bytes)), Task Off-Heap Memory (0 bytes) and Managed Memory (512.000mb (536870920 bytes)) exceed configured Total Flink Memory (1.250gb (1342177280 bytes)).");
    expect(r.code).toBe("components-besides-network-exceed-flink");
    const fits = ok(tm({ "taskmanager.memory.flink.size": "1280m", "taskmanager.memory.task.heap.size": "200m" }));
    expect(fits.bytes.network).toBe(327155704n);
  });

  it("Ex 19: legacy taskmanager.heap.size 1024m", () => {
    const standalone = ok(tm({ "taskmanager.heap.size": "1024m" }));
    expect(standalone.bytes.managed).toBe(429496736n);
    expect(standalone.bytes.network).toBe(107374184n);
    expect(standalone.bytes.taskHeap).toBe(268435448n);
    expect(standalone.bytes.totalProcess).toBe(1543503872n);
    expect(standalone.jvmArgs).toContain("-Xmx402653176 ");
    expect(standalone.adjustments[0]?.kind).toBe("legacy-heap-mapped");
    const yarn = ok(tm({ "taskmanager.heap.size": "1024m" }, "1.20", "yarn"));
    expect(yarn.bytes).toEqual(ok(tm({ "taskmanager.memory.process.size": "1g" })).bytes);
    expect(failed(tm({ "taskmanager.heap.size": "1024m" }, "2.0")).code).toBe("required-options-missing");
  });

  it("Ex 20: legacy numberOfBuffers 4096", () => {
    const r = ok(tm({ ...DEFAULT_TM, "taskmanager.network.numberOfBuffers": "4096" }));
    expect(r.bytes.network).toBe(134217728n);
    expect(r.bytes.taskHeap).toBe(402653176n);
    expect(r.bytes.jvmDirect).toBe(268435456n);
    const ignored = ok(tm({ ...DEFAULT_TM, "taskmanager.network.numberOfBuffers": "4096", "taskmanager.network.memory.fraction": "0.1" }));
    expect(ignored.bytes.network).toBe(134217730n);
    expect(ok(tm({ ...DEFAULT_TM, "taskmanager.network.numberOfBuffers": "4096" }, "2.0")).bytes.network).toBe(134217730n);
  });

  it("Ex 21: standalone process 1728m + legacy heap 1024m", () => {
    const r = ok(tm({ ...DEFAULT_TM, "taskmanager.heap.size": "1024m" }));
    expect(r.bytes.jvmOverhead).toBe(469762048n);
    expect(r.bytes.jvmHeap).toBe(402653176n);
    const low = failed(tm({ "taskmanager.memory.process.size": "1300m", "taskmanager.heap.size": "1024m" }));
    expect(low.code).toBe("overhead-out-of-range");
    expect(low.keys).toContain("taskmanager.heap.size");
  });

  it("Ex 22: process 2g, managed 0", () => {
    const r = ok(tm({ "taskmanager.memory.process.size": "2g", "taskmanager.memory.managed.size": "0" }));
    expect(r.bytes.jvmOverhead).toBe(214748368n);
    expect(r.bytes.totalFlink).toBe(1664299824n);
    expect(r.bytes.network).toBe(166429984n);
    expect(r.bytes.taskHeap).toBe(1229434384n);
    expect(r.jvmArgs).toContain("-Xmx1363652112 ");
  });
});

describe("JobManager examples", () => {
  it("J1: default process 1600m, with and without the direct memory limit", () => {
    const r = ok(jm({ "jobmanager.memory.process.size": "1600m" }));
    expect(r.bytes.jvmOverhead).toBe(192n * MB);
    expect(r.bytes.totalFlink).toBe(1207959552n);
    expect(r.bytes.jvmHeap).toBe(1024n * MB);
    expect(r.jvmArgs).toBe("-Xmx1073741824 -Xms1073741824 -XX:MaxMetaspaceSize=268435456");
    const limited = ok(jm({ "jobmanager.memory.process.size": "1600m", "jobmanager.memory.enable-jvm-direct-memory-limit": "true" }));
    expect(limited.jvmArgs).toBe("-Xmx1073741824 -Xms1073741824 -XX:MaxDirectMemorySize=134217728 -XX:MaxMetaspaceSize=268435456");
  });

  it("J2: heap 1024m only", () => {
    const r = ok(jm({ "jobmanager.memory.heap.size": "1024m" }));
    expect(r.bytes.totalFlink).toBe(1152n * MB);
    expect(r.bytes.totalProcess).toBe(1677721600n);
  });

  it("J3: process 2g", () => {
    const r = ok(jm({ "jobmanager.memory.process.size": "2g" }));
    expect(r.bytes.jvmOverhead).toBe(214748368n);
    expect(r.bytes.totalFlink).toBe(1664299824n);
    expect(r.bytes.jvmHeap).toBe(1530082096n);
  });

  it("J4: flink 100m fails", () => {
    const r = failed(jm({ "jobmanager.memory.flink.size": "100m" }));
    expect(r.error).toBe("JobManager memory configuration failed: The configured Total Flink Memory (100.000mb (104857600 bytes)) is less than the configured Off-heap Memory (128.000mb (134217728 bytes)).");
    expect(r.code).toBe("flink-not-above-off-heap");
    const twoX = failed(jm({ "jobmanager.memory.flink.size": "100m" }, "2.1"));
    expect(twoX.error).toBe("The configured Total Flink Memory (100.000mb (104857600 bytes)) is less than the configured Off-heap Memory (128.000mb (134217728 bytes)).");
    expect(twoX.causes).toEqual([]);
  });

  it("J5: process 576m, equality fails", () => {
    const r = failed(jm({ "jobmanager.memory.process.size": "576m" }));
    expect(r.error).toBe("JobManager memory configuration failed: The configured Total Flink Memory (128.000mb (134217728 bytes)) is less than the configured Off-heap Memory (128.000mb (134217728 bytes)).");
  });

  it("J6: docs example 3, JM analogue", () => {
    const r = failed(jm({ "jobmanager.memory.process.size": "1000m", "jobmanager.memory.heap.size": "100m", "jobmanager.memory.jvm-overhead.min": "64m", "jobmanager.memory.jvm-overhead.max": "256m" }));
    expect(r.error).toBe("JobManager memory configuration failed: Derived JVM Overhead size (516.000mb (541065216 bytes)) is not in configured JVM Overhead range [64.000mb (67108864 bytes), 256.000mb (268435456 bytes)].");
  });

  it("J7: standalone legacy jobmanager.heap.size + process 1600m", () => {
    const r = ok(jm({ "jobmanager.heap.size": "1024m", "jobmanager.memory.process.size": "1600m" }));
    expect(r.bytes.totalFlink).toBe(1152n * MB);
    expect(r.bytes.jvmOverhead).toBe(192n * MB);
    expect(r.sources.jvmOverhead.how).toBe("remainder");
  });

  it("J8: heap above flink.size fails J3", () => {
    const r = failed(jm({ "jobmanager.memory.heap.size": "1024m", "jobmanager.memory.flink.size": "1000m" }));
    expect(r.error).toBe("JobManager memory configuration failed: The configured JVM Heap Memory (1024.000mb (1073741824 bytes)) exceeds the configured Total Flink Memory (1000.000mb (1048576000 bytes)). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.");
    expect(r.code).toBe("heap-exceeds-flink");
  });

  it("J9: heap 1024m + flink 1280m derives off-heap 256m", () => {
    const r = ok(jm({ "jobmanager.memory.heap.size": "1024m", "jobmanager.memory.flink.size": "1280m" }));
    expect(r.bytes.offHeap).toBe(256n * MB);
    expect(r.bytes.totalProcess).toBe(1728n * MB);
    expect(r.adjustments.map((a) => a.kind)).toContain("off-heap-derived");
  });

  it("J10: heap + off-heap ≠ flink fails J2", () => {
    const r = failed(jm({ "jobmanager.memory.heap.size": "512m", "jobmanager.memory.off-heap.size": "128m", "jobmanager.memory.flink.size": "1g" }));
    expect(r.error).toBe("JobManager memory configuration failed: Sum of the configured JVM Heap Memory (512.000mb (536870912 bytes)) and the configured Off-heap Memory (128.000mb (134217728 bytes)) does not match the configured Total Flink Memory (1024.000mb (1073741824 bytes)). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.");
    expect(r.code).toBe("heap-and-off-heap-not-flink");
  });

  it("J11: nothing configured (JM and TM)", () => {
    expect(failed(jm({})).error).toBe("JobManager memory configuration failed: Either required fine-grained memory (jobmanager.memory.heap.size), or Total Flink Memory size (Key: 'jobmanager.memory.flink.size' , default: null (fallback keys: [])), or Total Process Memory size (Key: 'jobmanager.memory.process.size' , default: null (fallback keys: [])) need to be configured explicitly.");
    expect(failed(tm({})).error).toBe("TaskManager memory configuration failed: Either required fine-grained memory (taskmanager.memory.task.heap.size and taskmanager.memory.managed.size), or Total Flink Memory size (Key: 'taskmanager.memory.flink.size' , default: null (fallback keys: [])), or Total Process Memory size (Key: 'taskmanager.memory.process.size' , default: null (fallback keys: [])) need to be configured explicitly.");
  });
});

describe("parsing examples", () => {
  it("P-a: sizes", () => {
    expect(parseMemorySize(" 1728 MB ")).toEqual({ ok: true, bytes: 1811939328n, unitless: false });
    expect(parseMemorySize("1g")).toMatchObject({ ok: true, bytes: 1073741824n });
    expect(parseMemorySize("512")).toEqual({ ok: true, bytes: 512n, unitless: true });
    expect(parseMemorySize("0128m")).toMatchObject({ ok: true, bytes: 134217728n });
  });

  it("P-b: 1.5g", () => {
    const r = failed(tm({ "taskmanager.memory.process.size": "1.5g" }));
    expect(r.error).toBe("TaskManager memory configuration failed: Cannot read memory size from config option 'taskmanager.memory.process.size'.");
    expect(r.causes).toEqual([
      "Cannot read memory size from config option 'taskmanager.memory.process.size'.",
      "Could not parse value '1.5g' for key 'taskmanager.memory.process.size'.",
      "Memory size unit '.5g' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)",
    ]);
    expect(r.code).toBe("memory-size-unreadable");
  });

  it("P-c: other unreadable sizes", () => {
    const messageOf = (text: string): string => {
      const p = parseMemorySize(text);
      return p.ok ? "" : p.error.message;
    };
    expect(messageOf("-1m")).toBe("text does not start with a number");
    expect(messageOf("1 GiB")).toContain("Memory size unit 'gib'");
    expect(messageOf("99999999999999999999")).toBe("The value '99999999999999999999' cannot be re represented as 64bit number (numeric overflow).");
    expect(messageOf("9007199254740992k")).toBe("The value '9007199254740992k' cannot be re represented as 64bit number of bytes (numeric overflow).");
  });

  it("P-f: a YAML int 1728 is bytes", () => {
    const r = failed(
      deriveTaskManagerMemory(new Map([["taskmanager.memory.process.size", { type: "int", value: 1728n, text: "1728" }]]), {
        flinkVersion: "2.1",
        deployment: "standalone",
      }),
    );
    expect(r.error).toBe("TaskManager memory configuration failed: Sum of configured JVM Metaspace (256.000mb (268435456 bytes)) and JVM Overhead (192.000mb (201326592 bytes)) exceed configured Total Process Memory (1.688kb (1728 bytes)).");
  });

  it("P-h: the primary key wins over its deprecated key", () => {
    const r = ok(tm({ ...DEFAULT_TM, "taskmanager.memory.network.min": "128m", "taskmanager.network.memory.min": "256m" }));
    expect(r.bytes.network).toBe(134217730n);
    const deprecated = ok(tm({ ...DEFAULT_TM, "taskmanager.network.memory.min": "256m" }));
    expect(deprecated.bytes.network).toBe(256n * MB);
    expect(deprecated.adjustments.map((a) => a.kind)).toContain("deprecated-key-used");
  });
});
