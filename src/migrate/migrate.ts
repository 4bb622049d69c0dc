/**
 * `flinklint migrate`: a `flink-conf.yaml` as the `config.yaml` Flink 2.x reads with the same
 * meaning. The values are what Flink 1.x's legacy line reader produced (last setting wins, skipped
 * lines dropped), deprecated keys get their current names, removed keys their successors (the
 * legacy heap keys, `taskmanager.network.numberOfBuffers`), and comments move with their settings.
 * Pure: text in, text and the list of changes out.
 */
import type { ConfigDocument, ConfigEntry, Deployment, ParseFinding, Session } from "../types.js";
import { parseConfig } from "../parser/index.js";
import { catalogFor, type Catalog } from "../model/catalog.js";
import { createSession } from "../model/session.js";
import { parseJavaInt } from "../model/convert.js";
import { jobManagerOptions, taskManagerOptions } from "../model/options.js";
import { legacyHeapTarget } from "../model/memory.js";
import { javaTrim, parseMemorySize, toConfigText } from "../model/memory-size.js";
import { versionFacts } from "../model/versions.js";
import { renderYaml, needsQuotes, yamlValue, type YamlItem, type YamlStyle } from "./yaml.js";

import type { MigrationTarget } from "./targets.js";

export { MIGRATION_TARGETS, type MigrationTarget } from "./targets.js";
/** The 1.x release whose reading of the file is kept: the last one that reads `flink-conf.yaml`. */
export const MIGRATION_SOURCE = "1.20";

export type MigrationChangeKind =
  | "renamed"
  | "replaced"
  | "dropped"
  | "removed"
  | "skipped-line"
  | "duplicate-resolved"
  | "quoted"
  | "conflict"
  | "default-pinned";

export interface MigrationChange {
  kind: MigrationChangeKind;
  /** 1-based line in the input; 0 for a setting no line gave (a default written out). */
  line: number;
  oldKey?: string;
  oldValue?: string;
  newKey?: string;
  newValue?: string;
  reason: string;
}

export interface MigrationOptions {
  /** The Flink 2.x release to write for (default 2.1). */
  to?: MigrationTarget;
  /** How the legacy heap keys were read: bin/*.sh (standalone) or an active deployment. */
  deployment?: Deployment;
  style?: YamlStyle;
  session?: Session;
}

export interface MigrationResult {
  /** The `config.yaml` text. */
  text: string;
  changes: MigrationChange[];
  /** True when a setting Flink 1.x used could not be carried over (a removed option without a successor, an ambiguity). */
  incomplete: boolean;
  /** The settings of `text`, in file order, as Flink 2.x reads them (each value's text). */
  settings: Array<{ key: string; value: string }>;
}

/** A line of the input that held a setting or something Flink skipped, with the comments it owns. */
interface SourceLine {
  line: number;
  comments: string[];
  trailing?: string;
}

/** A setting of the output, before it is written. */
interface Planned {
  key: string;
  value: string;
  line: number;
  /** Lines whose comments travel with this setting (its own first). */
  owners: SourceLine[];
  commentedOut?: string[];
}

export function migrateConfig(text: string, options: MigrationOptions = {}): MigrationResult {
  const to = options.to ?? "2.1";
  const deployment = options.deployment ?? "standalone";
  const session = options.session ?? createSession();
  const doc = parseConfig(text, "legacy");
  const before = catalogFor(MIGRATION_SOURCE, session);
  const after = catalogFor(to, session);
  const changes: MigrationChange[] = [];
  let incomplete = false;

  const { header, footer, byLine } = commentOwners(doc);
  const ownerOf = (line: number): SourceLine => byLine.get(line) ?? { line, comments: [] };

  // Lines Flink skips: reported, their comments kept with the next setting.
  const entryLines = new Set(doc.entries.map((e) => e.keyRange.start.line));
  const findingsByLine = new Map<number, ParseFinding>();
  for (const finding of doc.findings) if (!findingsByLine.has(finding.range.start.line)) findingsByLine.set(finding.range.start.line, finding);
  const orphans: SourceLine[] = [];
  for (const [line, owner] of byLine) {
    if (entryLines.has(line)) continue;
    const content = javaTrim(doc.lines.line(line).text.split("#")[0] ?? "");
    changes.push({ kind: "skipped-line", line, oldValue: content, reason: skipReason(findingsByLine.get(line)) });
    orphans.push(owner);
  }

  // The effective settings: each key's last line; earlier lines of it are reported and give up their comments.
  const planned: Planned[] = [];
  const effective = new Map<string, ConfigEntry>();
  for (const [key, entries] of doc.byKey) {
    const last = entries[entries.length - 1];
    if (last === undefined) continue;
    effective.set(key, last);
    for (const earlier of entries.slice(0, -1)) {
      changes.push({
        kind: "duplicate-resolved",
        line: earlier.keyRange.start.line,
        oldKey: key,
        oldValue: earlier.value.text,
        newKey: key,
        newValue: last.value.text,
        reason: `set again on line ${last.keyRange.start.line}; Flink uses the last setting`,
      });
    }
  }
  const earlierOwners = new Map<ConfigEntry, SourceLine[]>();
  for (const [, entries] of doc.byKey) {
    const last = entries[entries.length - 1];
    if (last !== undefined) earlierOwners.set(last, entries.slice(0, -1).map((e) => ownerOf(e.keyRange.start.line)));
  }

  const lineOf = (entry: ConfigEntry) => entry.keyRange.start.line;
  const present = (key: string) => effective.has(key);
  const dropped: SourceLine[] = [];
  const drop = (entry: ConfigEntry, reason: string) => {
    changes.push({ kind: "dropped", line: lineOf(entry), oldKey: entry.key, oldValue: entry.value.text, reason });
    dropped.push(ownerOf(lineOf(entry)), ...(earlierOwners.get(entry) ?? []));
  };
  const keep = (entry: ConfigEntry, key: string, value: string, change?: Omit<MigrationChange, "line" | "oldKey" | "oldValue">) => {
    if (change) changes.push({ line: lineOf(entry), oldKey: entry.key, oldValue: entry.value.text, ...change });
    planned.push({ key, value, line: lineOf(entry), owners: [ownerOf(lineOf(entry)), ...(earlierOwners.get(entry) ?? [])] });
  };

  const legacy = legacyReplacements(effective, deployment);
  const renamedTo = new Map<string, ConfigEntry>();
  for (const [key, entry] of effective) {
    const value = entry.value.text;
    const special = legacy.get(key);
    if (special !== undefined) {
      if (special.kind === "replace") {
        for (const [i, target] of special.targets.entries()) {
          const change = { kind: "replaced" as const, newKey: target.key, newValue: target.value, reason: special.reason };
          if (i === 0) keep(entry, target.key, target.value, change);
          else {
            changes.push({ line: lineOf(entry), oldKey: key, oldValue: value, ...change });
            planned.push({ key: target.key, value: target.value, line: lineOf(entry), owners: [] });
          }
        }
      } else if (special.kind === "drop") drop(entry, special.reason);
      else {
        incomplete = true;
        planned.push(removedItem(entry, special.reason, ownerOf(lineOf(entry)), earlierOwners.get(entry) ?? []));
        changes.push({ kind: "removed", line: lineOf(entry), oldKey: key, oldValue: value, reason: special.reason });
      }
      continue;
    }
    const successors = currentNames(key, before, after);
    if (successors === undefined) {
      // An option of the target release, or a key neither release knows (kept as written).
      if (before.isKnown(key) && !after.isKnown(key)) {
        incomplete = true;
        const reason = `Flink ${to} has no such option and names no successor; kept as a comment`;
        planned.push(removedItem(entry, reason, ownerOf(lineOf(entry)), earlierOwners.get(entry) ?? []));
        changes.push({ kind: "removed", line: lineOf(entry), oldKey: key, oldValue: value, reason });
      } else keep(entry, key, value);
      continue;
    }
    // A deprecated key: Flink 1.x reads it for an option only when that option (or a key Flink
    // consults before the deprecated ones) is unset.
    const unset = successors.filter((s) => !present(s) && !before.fallbackKeysOf(s).some(present));
    // An option that reads another of these first (`rest.bind-port` reads `rest.port`) needs no line of its own.
    const targets = unset.filter((s) => !after.fallbackKeysOf(s).some((f) => unset.includes(f)));
    if (targets.length === 0) {
      drop(entry, `deprecated for ${successors.join(", ")}, which the file sets; Flink ignores this key`);
      continue;
    }
    let first = true;
    for (const target of targets) {
      const rival = renamedTo.get(target);
      if (rival !== undefined) {
        if (rival.value.text !== value) {
          incomplete = true;
          changes.push({
            kind: "conflict",
            line: lineOf(entry),
            oldKey: key,
            oldValue: value,
            newKey: target,
            newValue: rival.value.text,
            reason: `${rival.key} (line ${lineOf(rival)}) and ${key} are both deprecated keys of ${target} with different values; kept the value of ${rival.key}`,
          });
        }
        continue;
      }
      renamedTo.set(target, entry);
      const change = { kind: "renamed" as const, newKey: target, newValue: value, reason: `deprecated key; Flink ${to} names it ${target}` };
      if (first) keep(entry, target, value, change);
      else {
        changes.push({ line: lineOf(entry), oldKey: key, oldValue: value, ...change });
        planned.push({ key: target, value, line: lineOf(entry), owners: [] });
      }
      first = false;
    }
    if (first) drop(entry, `the value of ${targets.join(", ")} comes from another deprecated key`);
  }

  for (const pinned of pinnedDefaults(to, (key) => planned.some((p) => p.key === key && p.commentedOut === undefined))) {
    changes.push({ kind: "default-pinned", line: 0, newKey: pinned.key, newValue: pinned.value, reason: pinned.reason });
    const note = { line: Number.MAX_SAFE_INTEGER, comments: [`# flinklint migrate: ${pinned.reason}`] };
    planned.push({ key: pinned.key, value: pinned.value, line: Number.MAX_SAFE_INTEGER, owners: [note] });
  }
  planned.sort((a, b) => a.line - b.line);
  // Comments of lines that left the output travel with the next setting in the file (or the footer).
  const extraFooter: string[] = [];
  for (const owner of [...orphans, ...dropped]) {
    const next = planned[firstAfter(planned, owner.line)];
    if (next) next.owners.push(owner);
    else extraFooter.push(...ownedComments(owner));
  }
  const items: YamlItem[] = planned.map((p) => toItem(p));
  for (const p of planned) {
    if (p.commentedOut === undefined && needsQuotes(p.value)) {
      changes.push({
        kind: "quoted",
        line: p.line,
        newKey: p.key,
        newValue: p.value,
        reason: `written as ${yamlValue(p.value)}: YAML would read it plain as another value`,
      });
    }
  }
  changes.sort((a, b) => a.line - b.line);
  const output = renderYaml(header, items, [...extraFooter, ...footer], options.style ?? "nested");
  const settings = planned.filter((p) => p.commentedOut === undefined).map((p) => ({ key: p.key, value: p.value }));
  checkReadBack(output, settings);
  return { text: output, changes, incomplete, settings };
}

/**
 * The written text must read back, with Flink 2.x's YAML reader as the project models it, to
 * exactly these settings: a migration that would change a value is a bug, never an output.
 */
function checkReadBack(text: string, settings: ReadonlyArray<{ key: string; value: string }>): void {
  const read = parseConfig(text, "standard");
  const problem =
    read.loadFailure?.message ??
    (read.config.size !== settings.length ? `${read.config.size} settings read back instead of ${settings.length}` : undefined) ??
    settings.map(({ key, value }) => (read.config.get(key)?.text === value ? undefined : `${key} reads back as ${JSON.stringify(read.config.get(key)?.text)}, not ${JSON.stringify(value)}`)).find((p) => p !== undefined);
  if (problem !== undefined) throw new Error(`migrate wrote a config.yaml that does not read back: ${problem}`);
}

/** The index of the first of `sorted` (by line) that stands below `line`; `sorted.length` when none does. */
function firstAfter(sorted: readonly Planned[], line: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle]?.line ?? 0) > line) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The comment lines of a source line, in the order they stood: those above it, then its trailing one. */
function ownedComments(owner: SourceLine): string[] {
  return [...owner.comments, ...(owner.trailing === undefined ? [] : [owner.trailing])];
}

function toItem(p: Planned): YamlItem {
  // Lines that gave up their place contribute all their comments above this setting, in file
  // order; the setting's own trailing comment stays trailing.
  const mine = p.owners[0];
  const comments: string[] = [];
  for (const o of [...p.owners].sort((a, b) => a.line - b.line)) comments.push(...(o === mine ? o.comments : ownedComments(o)));
  const item: YamlItem = { key: p.key, value: p.value, comments: tidy(comments) };
  if (mine?.trailing !== undefined && p.commentedOut === undefined) item.trailing = mine.trailing;
  if (p.commentedOut !== undefined) item.commentedOut = p.commentedOut;
  return item;
}

/** Comment lines without leading, trailing or repeated blank lines. */
function tidy(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(line);
  }
  while (out[out.length - 1] === "") out.pop();
  return out;
}

function removedItem(entry: ConfigEntry, reason: string, own: SourceLine, earlier: readonly SourceLine[]): Planned {
  const setting = `# ${entry.key}: ${entry.value.text}`;
  return {
    key: entry.key,
    value: entry.value.text,
    line: entry.keyRange.start.line,
    owners: [own, ...earlier],
    commentedOut: [`# flinklint migrate: ${reason}:`, own.trailing === undefined ? setting : `${setting} ${own.trailing}`],
  };
}

/**
 * The keys Flink 2.x reads a deprecated key's value under, or undefined when the key is not
 * deprecated (an option of the target release, or a key neither catalog maps).
 */
function currentNames(key: string, before: Catalog, after: Catalog): string[] | undefined {
  if (after.option(key) !== undefined) return undefined;
  const resolve = (k: string): string[] => {
    if (after.option(k) !== undefined) return [k];
    const next = after.replacementsOf(k);
    return next.flatMap((n) => (after.option(n) !== undefined ? [n] : []));
  };
  const now = after.replacementsOf(key);
  const names = (now.length > 0 ? now : before.replacementsOf(key)).flatMap(resolve);
  const unique = [...new Set(names)];
  return unique.length > 0 ? unique : undefined;
}

/**
 * The memory options whose default the target release changed (SPEC §11), each unset one with
 * Flink 1.20's default, so that the memory Flink derives stays the same. From 1.20 to 2.0–2.2 no
 * default of the memory model changed (the network maximum became "infinite" in 1.17), so this
 * finds none today; it keeps a migration exact if the version table ever records one.
 */
export function pinnedDefaults(to: string, isSet: (key: string) => boolean): Array<{ key: string; value: string; reason: string }> {
  const older = [...Object.values(taskManagerOptions(versionFacts(MIGRATION_SOURCE))), ...Object.values(jobManagerOptions())];
  const newer = new Map([...Object.values(taskManagerOptions(versionFacts(to))), ...Object.values(jobManagerOptions())].map((o) => [o.key, o]));
  const pinned: Array<{ key: string; value: string; reason: string }> = [];
  for (const option of older) {
    const now = newer.get(option.key);
    if (now === undefined || option.defaultValue === undefined || now.defaultValue === option.defaultValue) continue;
    if ([option.key, ...option.fallbackKeys].some(isSet)) continue;
    const value = option.type === "memory" ? `${String(option.defaultValue)}b` : option.defaultText;
    pinned.push({ key: option.key, value, reason: `Flink ${to} changed the default from ${option.defaultText} to ${now.defaultText}; written to keep Flink ${MIGRATION_SOURCE}'s` });
  }
  return pinned;
}

type LegacyPlan =
  | { kind: "replace"; targets: { key: string; value: string }[]; reason: string }
  | { kind: "drop"; reason: string }
  | { kind: "removed"; reason: string };

/**
 * What becomes of the keys Flink 2.0 removed and gave a successor: the legacy heap keys (read by
 * Flink 1.x into Total Flink / JVM Heap for bin/*.sh, Total Process for active deployments, when
 * that is unset) and `taskmanager.network.numberOfBuffers` (network min = max = buffers × segment).
 */
function legacyReplacements(effective: ReadonlyMap<string, ConfigEntry>, deployment: Deployment): Map<string, LegacyPlan> {
  const plans = new Map<string, LegacyPlan>();
  const facts = versionFacts(MIGRATION_SOURCE);
  const tm = taskManagerOptions(facts);
  const jm = jobManagerOptions();
  const opts = { flinkVersion: MIGRATION_SOURCE, deployment };
  const has = (def: { key: string; fallbackKeys: readonly string[] }) => [def.key, ...def.fallbackKeys].some((k) => effective.has(k));
  for (const o of [tm, jm]) {
    const target = legacyHeapTarget(o, opts);
    const sized = effective.get(o.legacyHeap.key);
    const mb = effective.get(o.legacyHeapMb.key);
    const mode = deployment;
    if (has(target)) {
      for (const e of [sized, mb]) {
        if (e) plans.set(e.key, { kind: "drop", reason: `${target.key} is set, so Flink 1.x (${mode}) ignores this key` });
      }
      continue;
    }
    if (sized) {
      plans.set(sized.key, {
        kind: "replace",
        targets: [{ key: target.key, value: sized.value.text }],
        reason: `removed in Flink 2.0; Flink 1.x (${mode}) read it as ${target.key}`,
      });
      if (mb) plans.set(mb.key, { kind: "drop", reason: `${sized.key} is set, so Flink 1.x ignores this key` });
    } else if (mb) {
      let megabytes: number | undefined;
      try {
        megabytes = parseJavaInt(mb.value.text);
      } catch {
        megabytes = undefined;
      }
      if (megabytes === undefined || megabytes < 0) {
        plans.set(mb.key, { kind: "removed", reason: `removed in Flink 2.0; "${mb.value.text}" is no size Flink 1.x accepts, so it has no equivalent` });
      } else {
        plans.set(mb.key, {
          kind: "replace",
          targets: [{ key: target.key, value: `${megabytes}m` }],
          reason: `removed in Flink 2.0; Flink 1.x (${mode}) read it as ${target.key} (${megabytes} MiB)`,
        });
      }
    }
  }
  const buffers = effective.get(tm.networkBuffers.key);
  if (buffers) {
    if (has(tm.networkMin) || has(tm.networkMax) || has(tm.networkFraction)) {
      plans.set(buffers.key, { kind: "drop", reason: "the network memory options are set, so Flink 1.x ignores this key" });
    } else {
      const segmentText = effective.get(tm.segmentSize.key)?.value.text;
      const segment = segmentText === undefined ? { ok: true as const, bytes: tm.segmentSize.defaultValue as bigint } : parseMemorySize(segmentText);
      let count: number | undefined;
      try {
        count = parseJavaInt(buffers.value.text);
      } catch {
        count = undefined;
      }
      if (count === undefined || count < 0 || !segment.ok) {
        plans.set(buffers.key, { kind: "removed", reason: "removed in Flink 2.0; Flink 1.x could not read it, so it has no equivalent" });
      } else {
        const bytes = toConfigText(BigInt(count) * segment.bytes);
        plans.set(buffers.key, {
          kind: "replace",
          targets: [
            { key: tm.networkMin.key, value: bytes },
            { key: tm.networkMax.key, value: bytes },
          ],
          reason: `removed in Flink 2.0; Flink 1.x fixed the network memory at ${count} buffers × the segment size`,
        });
      }
    }
  }
  return plans;
}

function skipReason(finding: ParseFinding | undefined): string {
  if (finding === undefined) return "Flink's legacy reader skips this line";
  const why: Record<string, string> = {
    "legacy-missing-separator": 'no ": " between key and value',
    "legacy-empty-key-or-value": "the key or the value is empty",
    "legacy-nested-yaml": "nested YAML, which the legacy reader does not understand",
    "legacy-hash-in-value": "the # starts a comment inside the key",
    "legacy-bom": "a byte order mark",
  };
  const detail = why[finding.kind] ?? finding.kind;
  return `Flink 1.x skips this line: ${detail}`;
}

/**
 * Who owns each comment: the file's header block (the first comment block when a blank line
 * follows it), the lines with settings or skipped content (the comments since the line before,
 * and their trailing comment), and the footer (comments after the last such line).
 */
function commentOwners(doc: ConfigDocument): { header: string[]; footer: string[]; byLine: Map<number, SourceLine> } {
  const byLine = new Map<number, SourceLine>();
  let pending: string[] = [];
  let header: string[] = [];
  let first = true;
  const count = doc.lines.lineCount;
  for (let n = 1; n <= count; n++) {
    let text = doc.lines.line(n).text;
    if (n === 1 && text.startsWith("\uFEFF")) text = text.slice(1);
    const hashAt = text.indexOf("#");
    const content = javaTrim(hashAt < 0 ? text : text.slice(0, hashAt));
    const comment = hashAt < 0 ? undefined : text.slice(hashAt).trimEnd();
    if (content === "") {
      if (comment !== undefined) pending.push(comment);
      else if (pending.length > 0) pending.push("");
      continue;
    }
    if (first) {
      first = false;
      const blank = pending.indexOf("");
      if (blank > 0) {
        header = pending.slice(0, blank);
        pending = pending.slice(blank + 1);
      }
    }
    const owner: SourceLine = { line: n, comments: pending };
    if (comment !== undefined) owner.trailing = comment;
    byLine.set(n, owner);
    pending = [];
  }
  if (first) {
    // No setting at all: every comment is the header.
    return { header: tidy(pending), footer: [], byLine };
  }
  return { header, footer: tidy(pending), byLine };
}
