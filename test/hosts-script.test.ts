/**
 * Launch scripts (src/hosts/script): the `-D` arguments of Flink's launchers in shell scripts,
 * Makefiles and GitHub workflows, read as the shell splits them and as Flink reads dynamic
 * properties, with every finding on the script's own line and column. The shell reader is held to
 * bash itself on generated words with random quoting and line continuations.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCompact } from "../src/formatters/compact.js";
import { HOST_ADAPTERS } from "../src/hosts/index.js";
import { scriptAdapter } from "../src/hosts/script/adapter.js";
import { readShellCommands } from "../src/hosts/script/shell.js";
import { lintText } from "../src/lint-file.js";
import { deriveJobManagerMemory, deriveTaskManagerMemory } from "../src/model/memory.js";
import { parseConfig } from "../src/parser/index.js";
import { FIXTURES, readExpectations } from "./fixture-support.js";

const DIR = join(FIXTURES, "hosts/script");
const ADAPTERS = [scriptAdapter, ...HOST_ADAPTERS.filter((a) => a.id !== scriptAdapter.id)];

function listFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFixtures(path);
    return entry.name.endsWith(".out") ? [] : [relative(DIR, path)];
  });
}

const fixtures = listFixtures(DIR).sort();

function lintFixture(name: string, showInfo = false) {
  const text = readFileSync(join(DIR, name), "utf8");
  return { text, linted: lintText(text, { filename: `fixtures/hosts/script/${name}`, showInfo }, ADAPTERS) };
}

describe("launch scripts: findings on the script's own lines", () => {
  it("has fixtures for shell scripts, a Makefile and a workflow", () => {
    expect(fixtures).toEqual(expect.arrayContaining(["Makefile", ".github/workflows/deploy.yml", "kubernetes-application.sh"]));
    expect(statSync(join(DIR, "sessions.sh")).isFile()).toBe(true);
  });

  it.each(fixtures)("%s", async (name) => {
    const { text, linted } = lintFixture(name);
    expect(linted.adapter).toBe("script");
    const expected = readExpectations(text).map((e) => `${e.ruleId}:${e.line}${e.column === undefined ? "" : `:${e.column}`}`);
    const columns = new Set(readExpectations(text).filter((e) => e.column !== undefined).map((e) => `${e.ruleId}:${e.line}`));
    const actual = linted.diagnostics.map((d) => `${d.ruleId}:${d.start.line}${columns.has(`${d.ruleId}:${d.start.line}`) ? `:${d.start.column}` : ""}`);
    expect(actual.sort()).toEqual(expected.sort());
    for (const d of linted.diagnostics) {
      expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
      expect(d.end.offset).toBeLessThanOrEqual(text.length);
    }
    const printed = formatCompact([{ filePath: `hosts/script/${name}`, diagnostics: linted.diagnostics }]);
    await expect(printed).toMatchFileSnapshot(join(DIR, `${name}.out`));
  });

  it("names one target per launcher call, with the deployment and the processes it starts", () => {
    const { linted } = lintFixture("client.sh");
    expect(linted.results.map((r) => [r.name, r.target.deployment, r.target.processes])).toEqual([
      ["line 3: flink run", "standalone", []],
      ["line 4: flink run", undefined, []],
      ["line 9: flink run-application", "yarn", []],
      // Inside a command substitution.
      ["line 10: flink run", undefined, []],
    ]);
    const sessions = lintFixture("sessions.sh").linted.results.map((r) => [r.name, r.target.deployment, r.target.processes]);
    expect(sessions).toEqual([
      ["line 5: kubernetes-session.sh", "kubernetes", ["taskmanager"]],
      ["line 11: yarn-session.sh", "yarn", ["jobmanager", "taskmanager"]],
      ["line 13: kubernetes-session.sh", "kubernetes", ["taskmanager"]],
      ["line 20: yarn-session.sh", "yarn", ["jobmanager", "taskmanager"]],
    ]);
    // FlinkYarnSessionCli sets -tm first and the -D properties over it.
    const yarn = lintFixture("sessions.sh").linted.results[3]?.target.document;
    expect(yarn?.config.get("taskmanager.memory.process.size")?.text).toBe("2g");
    expect(yarn?.config.get("jobmanager.memory.process.size")?.text).toBe("1600m");
    // -tm 1g is read as taskmanager.memory.process.size, its key range on the option.
    const tm = yarn?.byKey.get("taskmanager.memory.process.size")?.[0];
    expect([tm?.value.text, tm?.keyRange.start.column, tm?.keyRange.end.column, tm?.overridden]).toEqual(["1g", 54, 57, true]);
  });

  it("reads the value without its quotes, on the script's line and column", () => {
    const { text, linted } = lintFixture("kubernetes-application.sh");
    const entry = linted.results[0]?.target.document.byKey.get("taskmanager.numberOfTaskSlots")?.[0];
    expect(entry?.value.text).toBe("two");
    expect(text.slice(entry?.valueRange.start.offset, entry?.valueRange.end.offset)).toBe("two");
    expect(entry?.valueRange.start).toMatchObject({ line: 10, column: 38 });
    // Arguments after the job's jar are the job's, not Flink's.
    expect(linted.results[0]?.target.document.byKey.has("not.a.flink.option")).toBe(false);
  });

  it("sizes a process the script only partly sizes with the default conf/'s process size, and says so", () => {
    const { linted } = lintFixture("standalone.sh");
    const taskmanager = linted.diagnostics.find((d) => d.ruleId === "memory-components-exceed-total");
    expect(taskmanager?.message).toContain("`-Dtaskmanager.memory.process.size`");
    expect(taskmanager?.start).toMatchObject({ line: 8, column: 1 });
  });

  it("gives the memory verdict of the flat file the launcher's -D arguments make", () => {
    for (const name of fixtures) {
      for (const { target } of lintFixture(name).linted.results) {
        // What Flink's parser receives: key=value pairs, here written as the flat file they amount to.
        const flat = parseConfig(target.document.entries.map((e) => `${e.key}: ${e.value.text}`).join("\n"), "legacy");
        const opts = { flinkVersion: "1.20", deployment: target.deployment ?? "standalone" } as const;
        const verdict = (config: typeof flat.config) => {
          const tm = deriveTaskManagerMemory(config, opts);
          const jm = deriveJobManagerMemory(config, opts);
          return [tm.ok ? tm.bytes.totalProcess : tm.code, jm.ok ? jm.bytes.totalProcess : jm.code];
        };
        expect(verdict(target.document.config), `${name} ${target.name}`).toEqual(verdict(flat.config));
      }
    }
  });

  it("gives a notice, no targets, for a script without a launcher", () => {
    const { linted } = lintFixture("no-launcher.sh");
    expect(linted.results).toEqual([]);
    expect(linted.notice).toMatch(/no Flink launcher/);
  });

  it("claims scripts by name, workflows only when a step runs a launcher; a directory scan picks only scripts that pass settings", () => {
    const options = {};
    const claims = (filename: string, text: string) => scriptAdapter.claims({ filename, text, options });
    const carries = (filename: string, text: string) => scriptAdapter.carriesFlinkConfiguration({ filename, text, options });
    expect(claims("deploy/run.sh", "echo hi\n")).toBe(true);
    expect(claims("build/flink.mk", "all:\n")).toBe(true);
    expect(claims("repo/.github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - run: npm test\n")).toBe(false);
    expect(claims("repo/.github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - run: flink run -p 2 job.jar\n")).toBe(true);
    expect(claims("conf/flink-conf.yaml", "a: b\n")).toBe(false);
    expect(carries("run.sh", "flink run -Dparallelism.default=2 job.jar\n")).toBe(true);
    expect(carries("run.sh", "flink run job.jar\n")).toBe(false);
    expect(carries("run.sh", "mvn package -DskipTests\n")).toBe(false);
    expect(carries(".github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - run: flink run -Dparallelism.default=2 job.jar\n")).toBe(false);
  });

  it("reads -D as Flink does: the first = splits, a value may hold = and be empty", () => {
    const text = "flink run -Dpipeline.global-job-parameters=a=b,c=d -Dpipeline.name= -D rest.port=8081 -Dnovalue job.jar\n";
    const doc = lintText(text, { filename: "x.sh" }, ADAPTERS).results[0]?.target.document;
    expect(doc?.entries.map((e) => [e.key, e.value.text])).toEqual([
      ["pipeline.global-job-parameters", "a=b,c=d"],
      ["pipeline.name", ""],
      ["rest.port", "8081"],
    ]);
    const empty = doc?.byKey.get("pipeline.name")?.[0];
    expect(empty?.valueRange.start.offset).toBe(text.indexOf("-Dpipeline.name=") + "-Dpipeline.name=".length);
  });
});

/** One argument written with a random mix of the shell's quoting. */
const piece = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._=:,\/-]{1,8}$/).map((s) => ({ value: s, source: s })),
  fc.stringMatching(/^[A-Za-z0-9 ._=$"`\\-]{0,8}$/).map((s) => ({ value: s, source: `'${s}'` })),
  fc.stringMatching(/^[A-Za-z0-9 ._='$"`\\-]{0,8}$/).map((s) => ({ value: s, source: `"${s.replace(/[$`"\\]/g, (c) => `\\${c}`)}"` })),
  fc.constantFrom(" ", "'", '"', "$", "\\", "&", ";", "|", "#", "(", "*").map((c) => ({ value: c, source: `\\${c}` })),
  fc.constant({ value: "", source: "\\\n" }),
);
const argument = fc.array(piece, { minLength: 1, maxLength: 4 }).map((pieces) => ({
  value: pieces.map((p) => p.value).join(""),
  source: pieces.map((p) => p.source).join(""),
}));
const separator = fc.constantFrom(" ", "  ", "\t", " \\\n    ", " \\\r\n");

const script = fc.tuple(fc.array(fc.tuple(argument, separator), { minLength: 1, maxLength: 8 })).map(([args]) => ({
  // A word that is only a line continuation is no word at all.
  values: args.map(([a]) => a).filter((a) => a.source.replace(/\\\n/g, "") !== "").map((a) => a.value),
  source: `flink run ${args.map(([a, sep]) => `${a.source.startsWith("#") ? "\\" : ""}${a.source}${sep}`).join("")}\n`,
}));

describe("the shell reader (property)", () => {
  const runs = Number(process.env.FLINKLINT_PROPERTY_RUNS ?? 300);
  const seed = Number(process.env.FLINKLINT_PROPERTY_SEED ?? 1_515);
  const bash = spawnSync("bash", ["-c", "true"]).status === 0;

  it("splits words, removes quotes and joins continuations as bash does, each character at its source", () => {
    let checkedWithBash = 0;
    fc.assert(
      fc.property(script, ({ values, source }) => {
        const commands = readShellCommands(source);
        const words = commands.flatMap((c) => c.words);
        const got = words.slice(2).map((w) => w.text);
        if (bash && checkedWithBash < 60 && !source.includes("\r")) {
          checkedWithBash++;
          // A first argument of its own: printf prints its format once even without arguments.
          const printed = spawnSync("bash", ["-c", source.replace(/^flink run /, "printf '%s\\0' - ")], { encoding: "utf8" }).stdout;
          expect(got, source).toEqual(printed.split("\0").slice(1, -1));
        }
        expect(got.filter((w) => w !== ""), source).toEqual(values.filter((w) => w !== ""));
        for (const word of words) {
          expect(word.at.length).toBe(word.text.length);
          word.at.forEach((offset, k) => expect(source[offset], source).toBe(word.text[k]));
        }
      }),
      { numRuns: runs, seed },
    );
    if (bash) expect(checkedWithBash).toBeGreaterThan(0);
  });

  it("lints generated launcher calls with random quoting and continuations, every finding on the call's own lines", () => {
    const key = fc.constantFrom("taskmanager.memory.process.size", "taskmanager.memory.managed.size", "taskmanager.numberOfTaskSlots", "jobmanager.memory.process.size", "parallelism.default", "web.submit.enable", "taskmanager.memory.network.fraction");
    const value = fc.constantFrom("1g", "1.5g", "2 GiB", "4", "-1", "yes", "0.5", "1.2", "$SLOTS", "%X%", "", "a=b");
    const quote = (text: string, style: number) => (style === 0 ? text.replace(/([ $\\"'%=])/g, "\\$1") : style === 1 ? `'${text}'` : `"${text.replace(/[$`"\\]/g, (c) => `\\${c}`)}"`);
    const property = fc.tuple(key, value, fc.nat(2), fc.boolean(), separator).map(([k, v, style, spaced, sep]) => `${spaced ? "-D " : "-D"}${quote(`${k}=${v}`, style)}${sep}`);
    const launcher = fc.constantFrom("flink run-application -t kubernetes-application", "./bin/kubernetes-session.sh", "yarn-session.sh -tm 2g", "bin/taskmanager.sh start", "flink run -t yarn-per-job");
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }).map((s) => s.replace(/[^\n#]/g, "")), launcher, fc.array(property, { maxLength: 6 }), (before, call, props) => {
        const text = `${before}\n${call} ${props.join("")} job.jar\n`;
        const linted = lintText(text, { filename: "run.sh", showInfo: true }, ADAPTERS);
        const lastLine = text.split("\n").length;
        for (const d of linted.diagnostics) {
          expect(d.end.offset).toBeLessThanOrEqual(text.length);
          expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
          expect(d.start.line, text).toBeGreaterThanOrEqual(before.split("\n").length + 1);
          expect(d.end.line).toBeLessThanOrEqual(lastLine);
        }
      }),
      { numRuns: runs, seed },
    );
  });

  it("reads deeply nested command substitutions without blowing the stack", () => {
    const deep = `${"$(".repeat(20_000)}flink run -Dparallelism.default=x job.jar${")".repeat(20_000)}\n`;
    expect(() => lintText(deep, { filename: "deep.sh" }, ADAPTERS)).not.toThrow();
    const shallow = "A=$(B=$(flink run -Dparallelism.default=x job.jar))\n";
    expect(lintText(shallow, { filename: "s.sh" }, ADAPTERS).diagnostics.map((d) => d.ruleId)).toEqual(["value-type"]);
  });

  it("never crashes on any text and keeps every finding inside the file", () => {
    const noise = fc.string({ unit: fc.constantFrom("flink", " run", " -D", "taskmanager.memory.process.size", "=", "1g", "x", "'", '"', "\\", "\n", "$", "(", ")", "{", "}", "`", "#", ";", "<<", "EOF", "|", "&", " ", "\t", "\r"), maxLength: 60 });
    fc.assert(
      fc.property(noise, (text) => {
        const linted = lintText(text, { filename: "run.sh", showInfo: true }, ADAPTERS);
        for (const d of linted.diagnostics) {
          expect(d.start.offset).toBeGreaterThanOrEqual(0);
          expect(d.start.offset).toBeLessThanOrEqual(d.end.offset);
          expect(d.end.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: runs, seed },
    );
  });
});
