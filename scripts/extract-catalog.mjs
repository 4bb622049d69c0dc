#!/usr/bin/env node
// Builds src/model/catalog/<version>.json: every Flink configuration option of one release, with its
// type, default (as text), Enum values, and deprecated/fallback keys. Keys, types, defaults and value
// lists only: no description text and no code is copied.
//
// Where the data comes from (all from a git directory of apache/flink or a full-history fork of it,
// read with `git show` / `git grep` / `git ls-tree`, no work tree needed):
//   1. docs/layouts/shortcodes/generated/*.html (before 1.13: docs/_includes/generated/*.html) —
//      Flink's generated option tables: key, default, type and, for Enum options, the "Possible
//      values" list. Keys with `<name>` placeholders become patterns
//      (`metrics.reporter.<name>.<parameter>` → `metrics.reporter.*`).
//   2. `ConfigOptions.key(...)` definitions in the non-test Java sources of the modules that hold
//      cluster and table options: deprecated keys (`withDeprecatedKeys`), fallback keys
//      (`withFallbackKeys`), and options hidden from the docs (type from `booleanType()` etc.).
//   3. The start-up scripts (flink-dist/src/main/flink-bin/bin/*.sh): keys only the shell reads
//      (`env.pid.dir`, `zookeeper.heap.mb`, ...).
//   4. PASS_THROUGH below, kept by hand: prefixes Flink forwards to plugins, Hadoop, the Kubernetes
//      operator, ... whose keys no option table lists; and SHORTCUTS, filtered per release.
//
// Re-run (fetch the forks first; any apache/flink clone works with the same refs):
//   node scripts/extract-catalog.mjs <git-dir>                 # all versions of RELEASES below
//   node scripts/extract-catalog.mjs <git-dir> <version> <ref> # one version from any ref
// The refs used for the committed files are listed in RELEASES; each JSON file records its source.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

/**
 * The refs of snuyanzin/flink (a full-history fork of apache/flink) the committed catalogs come from.
 * 1.11–1.15 and 1.17–1.19 have no release tag or branch in that fork: their refs are the master
 * commit just before "Update version to 1.<next>-SNAPSHOT", i.e. the point where the release branch
 * was cut (its pom.xml still says 1.<release>-SNAPSHOT; options do not change in patch releases).
 * 1.16 is the head of the fork's release-1.16 branch (whose merge base with master is that same
 * branch-cut commit). Releases before 1.13 keep their tables in Jekyll's docs/_includes/generated/.
 */
export const RELEASES = [
  { version: "1.11", ref: "bf5594cdde428be3521810cb3f44db0462db35df", label: "master at the release-1.11 branch cut" },
  { version: "1.12", ref: "1820a2ee384da8b3f81973e1b7d5391e4927a6e7", label: "master at the release-1.12 branch cut" },
  { version: "1.13", ref: "504880cfbf1fc80603eaf8401578e788a3a8335e", label: "master at the release-1.13 branch cut" },
  { version: "1.14", ref: "fd429d084264357d3cfbfd8b2b62cf8327a8fd79", label: "master at the release-1.14 branch cut" },
  { version: "1.15", ref: "9c77f13e587d7cb52469cac934c6aaec28dcd17d", label: "master at the release-1.15 branch cut" },
  { version: "1.16", ref: "df717141c17a3f57cb8554d10472ca2942761ab8", label: "release-1.16 branch head" },
  {
    version: "1.17",
    ref: "4bc6d6dac29b1d7d89850a512b8283858824ae21",
    label: "master at the release-1.17 branch cut",
    // Options added on the release-1.16 branch after its cut were backported to the maintained 1.17
    // line too (FLINK-32023's execution.buffer-timeout.enabled/interval, in 1.16.2 and 1.17.1); the
    // 1.17 cut predates them, and a 1.17.x user of them must not be told they need 1.18.
    backports: { branch: "df717141c17a3f57cb8554d10472ca2942761ab8", since: "4b15bc900eb60b1830bc406975ce974ad6050f98", label: "release-1.16 after its cut" },
  },
  { version: "1.18", ref: "404a7804188c520b83ef38c863150b8bc4da80a3", label: "master at the release-1.18 branch cut" },
  { version: "1.19", ref: "03b4584422826d2819d571871dfef4efced19f01", label: "master at the release-1.19 branch cut" },
  { version: "1.20", ref: "refs/tags/release-1.20.4", label: "release-1.20.4" },
  { version: "2.0", ref: "refs/tags/release-2.0.2-rc4", label: "release-2.0.2-rc4" },
  { version: "2.1", ref: "refs/tags/release-2.1.2-rc1", label: "release-2.1.2-rc1" },
  { version: "2.2", ref: "refs/tags/release-2.2.1-rc2", label: "release-2.2.1-rc2" },
];

/**
 * Prefixes whose keys Flink passes on to something that has no option table (`*` = any text).
 * Each with the reason; they hold for every catalogued version.
 */
const PASS_THROUGH = [
  "metrics.reporter.*", // reporter-specific parameters (MetricOptions: metrics.reporter.<name>.<parameter>)
  "traces.reporter.*",
  "events.reporter.*",
  "env.java.opts.*", // read by the shell scripts per process type
  "containerized.master.env.*", // ResourceManagerOptions: environment variables of the JobManager container
  "containerized.taskmanager.env.*", // ... and of TaskManager containers
  "flink.hadoop.*", // HadoopUtils copies these into the Hadoop configuration
  "flink.yarn.*", // Utils copies these into the YARN configuration
  "s3.*", // flink-s3-fs-*: forwarded to the S3 file system (Hadoop s3a / Presto)
  "s3a.*",
  "fs.*", // file system plugins forward fs.<scheme>.* to their Hadoop configuration
  "gs.*", // flink-gs-fs-hadoop
  "oss.*",
  "azure.*",
  "hadoop.*",
  "kubernetes.operator.*", // Flink Kubernetes Operator settings in flinkConfiguration
  "job.autoscaler.*", // the operator's autoscaler
  "table.catalog-store.*", // catalog store factories take table.catalog-store.<identifier>.*
  "plugin.*",
  "security.delegation.token.provider.*", // per-provider settings
  "external-resource.*",
  "statefun.*", // Stateful Functions reads its settings from the Flink configuration
  "sql-gateway.endpoint.*", // endpoint options are documented relative to sql-gateway.endpoint.<type>.
];

/**
 * Options whose value is a shortcut name or a class name: shortcuts Flink recognises (hand-kept and
 * filtered per release by releaseShortcuts; the state backends are read per release from
 * StateBackendLoader's *_STATE_BACKEND_NAME).
 */
const SHORTCUTS = {
  "state.checkpoint-storage": ["jobmanager", "filesystem"],
  "execution.checkpointing.storage": ["jobmanager", "filesystem"],
  "restart-strategy.type": [
    "none", "off", "disable", "fixeddelay", "fixed-delay", "failurerate", "failure-rate",
    "exponentialdelay", "exponential-delay",
  ],
  "restart-strategy": [
    "none", "off", "disable", "fixeddelay", "fixed-delay", "failurerate", "failure-rate",
    "exponentialdelay", "exponential-delay",
  ],
  "high-availability.type": ["none", "zookeeper", "kubernetes"],
  "high-availability": ["none", "zookeeper", "kubernetes"],
  "state.backend.changelog.storage": ["memory", "filesystem"],
};

/**
 * Documented keys without a dot that are keys of their own, not relative to a prefix: older tables
 * list `restart-strategy` (up to 1.16) and `high-availability`, which later releases list as
 * `restart-strategy.type` / `high-availability.type` with the old key deprecated; and
 * `scheduler-mode` (reactive mode), `external-resources` and `cleanup-strategy` in every release
 * that has them. (The other dotless keys of the tables are relative: SQL gateway endpoints' `port`,
 * model providers' `endpoint`, ….)
 */
const DOTLESS_KEYS = ["restart-strategy", "high-availability", "scheduler-mode", "external-resources", "cleanup-strategy"];

/** Modules whose option classes are not cluster configuration (table DDL options of formats, connectors, tests). */
const EXCLUDED_PATHS = [
  "/src/test/", "flink-end-to-end-tests/", "flink-examples/", "flink-test-utils-parent/", "flink-tests/",
  "flink-formats/", "flink-connectors/", "flink-models/", "flink-docs/", "flink-walkthroughs/",
  "flink-architecture-tests/", "flink-fs-tests/", "flink-yarn-tests/", "flink-table/flink-table-test-utils/",
  "flink-quickstart/", "tools/",
  // keys relative to a reporter or external resource, and table DDL options (WITH clauses, not config)
  "flink-metrics/", "flink-external-resources/", "/table/connector/", "/table/factories/",
];

const TYPE_CODES = {
  Boolean: "B", Integer: "I", Long: "L", Double: "D", Float: "F", MemorySize: "M", Duration: "T",
  String: "S", Enum: "E", Map: "Ma", "List<String>": "LS", "List<Enum>": "LE", "List<Map>": "LM",
  "List<Integer>": "LI", "List<Duration>": "LT", "List<MemorySize>": "LMs",
};

function git(gitDir, args) {
  return execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
}

function unescapeHtml(text) {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * Where a release keeps its generated option tables: Hugo shortcodes since the docs moved to Hugo
 * (during 1.13), Jekyll includes before (1.11, 1.12).
 */
const DOCS_TABLE_DIRS = ["docs/layouts/shortcodes/generated/", "docs/_includes/generated/"];

/** The generated option table files of a release and the directory they are in. */
function docsTableFiles(gitDir, ref) {
  for (const dir of DOCS_TABLE_DIRS) {
    // Reporter and GPU-driver tables list keys relative to `metrics.reporter.<name>.` / `external-resource.<name>.param.`;
    // the Pulsar tables (1.15, 1.16, before the connector left the repository) are connector options, not configuration.
    const files = git(gitDir, ["ls-tree", "--name-only", ref, dir])
      .split("\n")
      .filter((f) => f.endsWith(".html") && !f.endsWith("_zh.html") && !/reporter_configuration|gpu_driver|pulsar_/.test(f));
    if (files.length > 0) return { dir, files };
  }
  throw new Error(`${ref}: no generated option tables in ${DOCS_TABLE_DIRS.join(" or ")}`);
}

/** Reads every generated option table: key → { type, default, values }. */
function readDocsTables(gitDir, ref) {
  const { files } = docsTableFiles(gitDir, ref);
  const options = new Map();
  for (const file of files) {
    const html = git(gitDir, ["show", `${ref}:${file}`]);
    for (const row of html.split(/<tr>/).slice(1)) {
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1] ?? "");
      if (cells.length < 3) continue;
      const keyMatch = /<h5>([\s\S]*?)<\/h5>/.exec(cells[0] ?? "");
      if (!keyMatch) continue;
      const key = unescapeHtml(keyMatch[1]).trim();
      const type = unescapeHtml(cells[2] ?? "").trim();
      let def = unescapeHtml(cells[1] ?? "").trim();
      if (def === "(none)") def = undefined;
      else if (/^".*"$/s.test(def)) def = def.slice(1, -1);
      const values = [];
      const possible = /Possible values:<ul>([\s\S]*?)<\/ul>/.exec(cells[3] ?? "");
      if (possible) for (const li of possible[1].matchAll(/<li>(?:&quot;|")([^"&]*)(?:&quot;|")/g)) values.push(li[1]);
      if (!options.has(key)) options.set(key, { type, default: def, values });
    }
  }
  return options;
}

/** A Java string expression made of literals and same-file constants, or undefined. */
function resolveString(expr, constants) {
  const parts = expr.split("+").map((p) => p.trim());
  let out = "";
  for (const part of parts) {
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(part);
    if (literal) out += literal[1];
    else if (constants.has(part)) out += constants.get(part);
    else return undefined;
  }
  return out;
}

function splitArgs(text) {
  const args = [];
  let depth = 0;
  let current = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      current += c;
      if (c === "\\") current += text[++i] ?? "";
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      args.push(current.trim());
      current = "";
    } else current += c;
  }
  if (current.trim() !== "") args.push(current.trim());
  return args;
}

/** The argument text of the call `name(` starting at `index` (index points after the paren). */
function callArgs(text, index) {
  let depth = 1;
  let inString = false;
  for (let i = index; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return text.slice(index, i);
  }
  return undefined;
}

/** Reads `ConfigOptions.key(...)` definitions from the Java sources. */
function readJavaOptions(gitDir, ref) {
  const listing = git(gitDir, ["grep", "-l", "-E", "ConfigOptions", ref, "--", "*.java"])
    .split("\n")
    .filter(Boolean)
    .map((l) => l.slice(ref.length + 1))
    .filter((p) => p.includes("/src/main/java/") && !EXCLUDED_PATHS.some((x) => p.includes(x)));
  const fileTexts = new Map();
  // Batch-read the files.
  const batch = execFileSync("git", ["--git-dir", gitDir, "cat-file", "--batch"], {
    input: listing.map((p) => `${ref}:${p}`).join("\n") + "\n",
    maxBuffer: 1 << 30,
  });
  let offset = 0;
  for (const path of listing) {
    const headerEnd = batch.indexOf(10, offset);
    const header = batch.subarray(offset, headerEnd).toString();
    const size = Number(header.split(" ")[2]);
    fileTexts.set(path, batch.subarray(headerEnd + 1, headerEnd + 1 + size).toString("utf8"));
    offset = headerEnd + 1 + size + 1;
  }

  const options = [];
  const fieldKeys = new Map(); // "Class.FIELD" and "FIELD" → key
  const pending = [];
  for (const [path, raw] of fileTexts) {
    const text = stripComments(raw);
    const className = /([A-Za-z0-9_]+)\.java$/.exec(path)[1];
    const constants = new Map();
    for (const m of text.matchAll(/static\s+final\s+String\s+([A-Z0-9_]+)\s*=\s*([^;]+);/g)) {
      const value = resolveString(m[2], constants);
      if (value !== undefined) {
        constants.set(m[1], value);
        constants.set(`${className}.${m[1]}`, value);
      }
    }
    for (const m of text.matchAll(/(?:ConfigOption<[^=]*?>\s+([A-Z0-9_]+)\s*=\s*)?(?:ConfigOptions\s*\.\s*)?\bkey\s*\(/g)) {
      const start = m.index + m[0].length;
      const keyExpr = callArgs(text, start);
      if (keyExpr === undefined) continue;
      const key = resolveString(keyExpr.trim(), constants);
      if (key === undefined || !key.includes(".") || /\s/.test(key)) continue;
      const end = text.indexOf(";", start);
      const chain = text.slice(start + keyExpr.length, end < 0 ? undefined : end);
      if (!/^\s*\)\s*\./.test(chain)) continue;
      const option = { key, type: javaType(chain), deprecated: [], fallback: [], className };
      for (const call of chain.matchAll(/\.(withDeprecatedKeys|withFallbackKeys)\s*\(/g)) {
        const args = callArgs(chain, call.index + call[0].length);
        if (args === undefined) continue;
        for (const arg of splitArgs(args)) {
          const target = call[1] === "withDeprecatedKeys" ? option.deprecated : option.fallback;
          const value = resolveString(arg, constants);
          if (value !== undefined) target.push(value);
          else pending.push({ target, arg, className });
        }
      }
      const def = /\.defaultValue\s*\(/.exec(chain);
      if (def) {
        const args = callArgs(chain, def.index + def[0].length);
        const literal = args === undefined ? undefined : javaLiteral(args.trim(), constants);
        if (literal !== undefined) option.default = literal;
      }
      if (m[1]) {
        fieldKeys.set(`${className}.${m[1]}`, key);
        if (!fieldKeys.has(m[1])) fieldKeys.set(m[1], key);
      }
      options.push(option);
    }
  }
  // `withDeprecatedKeys(OTHER.key())` and constants of other classes.
  for (const { target, arg, className } of pending) {
    const ref1 = /^([A-Za-z0-9_.]+)\.key\(\)$/.exec(arg);
    if (ref1) {
      const name = ref1[1];
      const key = fieldKeys.get(name) ?? fieldKeys.get(`${className}.${name}`) ?? fieldKeys.get(name.split(".").pop());
      if (key !== undefined) target.push(key);
    }
  }
  return options;
}

/** Java source without comments; string and char literals (which may hold `//`) are kept. */
function stripComments(source) {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'") {
      // A text block or a literal: copy up to the closing quote.
      const block = source.startsWith('"""', i);
      const close = block ? '"""' : c;
      let j = i + close.length;
      while (j < source.length && !source.startsWith(close, j)) j += source[j] === "\\" ? 2 : 1;
      out += source.slice(i, j + close.length);
      i = j + close.length - 1;
    } else if (source.startsWith("//", i)) {
      while (i < source.length && source[i] !== "\n") i++;
      out += "\n";
    } else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      out += " ";
      i = end < 0 ? source.length : end + 1;
    } else out += c;
  }
  return out;
}

/**
 * The type of an option: from its typed builder (`.intType()`, ...), else (the untyped builders of
 * 1.11 and later: `key("x").defaultValue(5)`) from the default's literal.
 */
function javaType(chain) {
  const list = /\.asList\s*\(/.test(chain);
  const typed = /\.(booleanType|intType|longType|doubleType|floatType|stringType|memoryType|durationType|enumType|mapType)\s*\(/.exec(chain);
  const base = typed
    ? { booleanType: "Boolean", intType: "Integer", longType: "Long", doubleType: "Double", floatType: "Float", stringType: "String", memoryType: "MemorySize", durationType: "Duration", enumType: "Enum", mapType: "Map" }[typed[1]]
    : untypedDefault(chain);
  return list ? `List<${base}>` : base;
}

/** Old-style `key("x").defaultValue(literal)` options take their type from the literal. */
function untypedDefault(chain) {
  const def = /\.defaultValue\s*\(\s*([^)]*)\)/.exec(chain);
  if (!def) return "String";
  const v = def[1].trim();
  if (v === "true" || v === "false") return "Boolean";
  if (/^-?\d+[lL]$/.test(v)) return "Long";
  if (/^-?\d+$/.test(v)) return "Integer";
  if (/^-?\d*\.\d+[fF]$/.test(v)) return "Float";
  if (/^-?\d*\.\d+[dD]?$/.test(v)) return "Double";
  return "String";
}

function javaLiteral(text, constants) {
  if (text === "true" || text === "false") return text;
  const num = /^(-?\d+(?:\.\d+)?)[lLfFdD]?$/.exec(text);
  if (num) return num[1];
  const str = resolveString(text, constants);
  if (str !== undefined) return str;
  const size = /^MemorySize\.(ofMebiBytes|parse)\(\s*"?(\d+[a-z]*)"?\s*\)$/.exec(text);
  if (size) return size[1] === "ofMebiBytes" ? `${size[2]} mb` : size[2];
  const dur = /^Duration\.of(Millis|Seconds|Minutes|Hours|Days)\(\s*(\d+)L?\s*\)$/.exec(text);
  if (dur) return `${dur[2]} ${{ Millis: "ms", Seconds: "s", Minutes: "min", Hours: "h", Days: "d" }[dur[1]]}`;
  return undefined;
}

/** Keys the start-up scripts read from the configuration file themselves. */
function readShellKeys(gitDir, ref) {
  const dir = "flink-dist/src/main/flink-bin/bin/";
  let files = [];
  try {
    files = git(gitDir, ["ls-tree", "--name-only", ref, dir]).split("\n").filter((f) => f.endsWith(".sh"));
  } catch {
    return [];
  }
  const keys = new Set();
  for (const file of files) {
    const text = git(gitDir, ["show", `${ref}:${file}`]);
    for (const m of text.matchAll(/^\s*KEY_[A-Z0-9_]+="([a-z0-9.\-]+)"/gm)) keys.add(m[1]);
    for (const m of text.matchAll(/readFromConfig\s+"([a-z0-9.\-]+)"/g)) keys.add(m[1]);
  }
  return [...keys];
}

/**
 * The hand-kept SHORTCUTS a release's sources recognise: restart strategy names that occur as
 * string literals in flink-core's or flink-runtime's sources (exponential-delay arrived in 1.13),
 * and the HA modes HighAvailabilityMode declares (KUBERNETES arrived in 1.16).
 */
function releaseShortcuts(gitDir, ref) {
  const restart = new Set(
    git(gitDir, ["grep", "-o", "-h", "-E", `"(${SHORTCUTS["restart-strategy"].join("|")})"`, ref, "--", "flink-core/src/main/java/*", "flink-runtime/src/main/java/*"])
      .split("\n")
      .filter(Boolean)
      .map((l) => l.slice(1, -1)),
  );
  const mode = git(gitDir, ["show", `${ref}:flink-runtime/src/main/java/org/apache/flink/runtime/jobmanager/HighAvailabilityMode.java`]);
  const modes = new Set([...stripComments(mode).matchAll(/^\s*([A-Z_]+)\s*\(/gm)].map((m) => m[1].toLowerCase()));
  const keep = (key, names) => SHORTCUTS[key].filter((name) => names.has(name));
  return Object.fromEntries(
    Object.keys(SHORTCUTS).map((key) => [key, /^restart-strategy/.test(key) ? keep(key, restart) : /^high-availability/.test(key) ? keep(key, modes) : SHORTCUTS[key]]),
  );
}

/** The state backend shortcut names of a release (`hashmap`, `rocksdb`, and per release `jobmanager`, `filesystem`, `forst`). */
function readStateBackendNames(gitDir, ref) {
  const text = git(gitDir, ["show", `${ref}:flink-runtime/src/main/java/org/apache/flink/runtime/state/StateBackendLoader.java`]);
  return [...text.matchAll(/static final String [A-Z_]+_STATE_BACKEND_NAME = "([a-z]+)"/g)].map((m) => m[1]);
}

function toPattern(key) {
  return key.replace(/<[^>]+>/g, "*").replace(/\*(\.\*)+/g, "*");
}

export function buildCatalog(gitDir, version, ref, label) {
  const docs = readDocsTables(gitDir, ref);
  const java = readJavaOptions(gitDir, ref);
  const commit = git(gitDir, ["rev-parse", `${ref}^{commit}`]).trim();
  const options = {};
  const patterns = new Set(PASS_THROUGH);
  const put = (key, type, def, values) => {
    const code = TYPE_CODES[type] ?? "S";
    const row = [code];
    if (def !== undefined || values?.length) row.push(def ?? null);
    if (values?.length) row.push(values);
    options[key] = row;
  };
  for (const [key, o] of docs) {
    if (key.includes("<")) {
      patterns.add(toPattern(key));
      continue;
    }
    // A few tables list keys relative to a prefix (the SQL gateway's endpoint options): PASS_THROUGH.
    if (!key.includes(".") && !DOTLESS_KEYS.includes(key)) continue;
    put(key, o.type, o.default, o.values);
  }
  const deprecated = {};
  const fallback = {};
  for (const o of java) {
    // Keys relative to a reporter (`factory.class`, `filter.includes`, `scope.delimiter`) or templates.
    const relative = /^(factory|filter|scope|partition)\./.test(o.key) || o.key.includes("#");
    if (!relative && !(o.key in options) && !docs.has(o.key)) put(o.key, o.type, o.default, []);
    // A deprecated key may stand for several options (`web.port`: `rest.bind-port` and `rest.port`).
    for (const d of o.deprecated) if (d !== o.key) deprecated[d] = [...new Set([...(deprecated[d] ?? []), o.key])];
    if (o.fallback.length > 0) fallback[o.key] = [...new Set([...(fallback[o.key] ?? []), ...o.fallback])];
  }
  for (const key of readShellKeys(gitDir, ref)) if (!(key in options) && !(key in deprecated)) put(key, "String");
  // A deprecated key that the docs still list as an option of its own stays an option; one that is
  // only a hidden (usually @Deprecated) option in the Java sources is a deprecated key.
  for (const d of Object.keys(deprecated)) {
    if (docs.has(d)) delete deprecated[d];
    else delete options[d];
  }
  const backends = readStateBackendNames(gitDir, ref);
  const shortcuts = Object.fromEntries(
    Object.entries({ ...releaseShortcuts(gitDir, ref), "state.backend.type": backends, "state.backend": backends }).filter(([k]) => k in options || k in deprecated),
  );
  const sorted = Object.fromEntries(Object.keys(options).sort().map((k) => [k, options[k]]));
  return {
    version,
    source: `apache/flink ${label} (${commit}): ${docsTableFiles(gitDir, ref).dir}*.html, ConfigOptions in *.java, flink-dist bin/*.sh; generated by scripts/extract-catalog.mjs`,
    types: "B Boolean, I Integer, L Long, D Double, F Float, M MemorySize, T Duration, S String, E Enum, Ma Map, L* List<*>",
    options: sorted,
    // old key → its option, or the list of options when it stands for several
    deprecated: Object.fromEntries(Object.keys(deprecated).sort().map((k) => [k, deprecated[k].length === 1 ? deprecated[k][0] : deprecated[k]])),
    fallback: Object.fromEntries(Object.keys(fallback).sort().map((k) => [k, fallback[k]])),
    patterns: [...patterns].filter((p) => ![...patterns].some((q) => q !== p && q.endsWith(".*") && p.startsWith(q.slice(0, -1)))).sort(),
    shortcuts,
  };
}

/**
 * Adds to `catalog` the options a maintenance branch gained after `since` (its cut), with the
 * deprecated keys that point to them: a key the branch turned into a deprecated one stops being an
 * option of its own, as on the branch.
 */
function addBackports(catalog, branch, since, { branch: ref, label }) {
  const added = Object.keys(branch.options).filter((key) => !(key in since.options) && !(key in catalog.options));
  for (const key of added) catalog.options[key] = branch.options[key];
  for (const [old, target] of Object.entries(branch.deprecated)) {
    if (!(old in since.deprecated) && [target].flat().some((t) => added.includes(t))) {
      catalog.deprecated[old] = target;
      delete catalog.options[old];
    }
  }
  catalog.options = Object.fromEntries(Object.keys(catalog.options).sort().map((k) => [k, catalog.options[k]]));
  catalog.deprecated = Object.fromEntries(Object.keys(catalog.deprecated).sort().map((k) => [k, catalog.deprecated[k]]));
  catalog.source += `; plus ${added.length} options backported from ${label} (${ref})`;
}

function main(argv) {
  const [gitDir, version, ref] = argv;
  if (!gitDir) {
    console.error("usage: node scripts/extract-catalog.mjs <git-dir> [<version> <ref>]");
    process.exit(2);
  }
  const outDir = new URL("../src/model/catalog/", import.meta.url);
  mkdirSync(outDir, { recursive: true });
  const targets = version ? [{ version, ref: ref ?? `refs/tags/release-${version}.0`, label: ref ?? version }] : RELEASES;
  for (const t of targets) {
    const catalog = buildCatalog(gitDir, t.version, t.ref, t.label);
    if (t.backports) addBackports(catalog, buildCatalog(gitDir, t.version, t.backports.branch, ""), buildCatalog(gitDir, t.version, t.backports.since, ""), t.backports);
    const text = JSON.stringify(catalog);
    writeFileSync(new URL(`${t.version}.json`, outDir), `${text}\n`);
    console.log(`${t.version}: ${Object.keys(catalog.options).length} options, ${Object.keys(catalog.deprecated).length} deprecated keys, ${catalog.patterns.length} patterns, ${text.length} bytes`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
