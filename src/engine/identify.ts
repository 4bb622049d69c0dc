/**
 * Whether a linted text is positively a Flink configuration file: the only kind of file whose safe
 * fixes `--fix` writes. flinklint lints any file it is given, but reading a Compose file, a
 * ConfigMap or a Helm values file as a flat flink-conf.yaml yields "findings" whose fixes delete
 * that host file's own lines; so a fix is written only when every test below holds, and otherwise
 * the findings are reported and the file is left alone.
 *
 * 1. Its name says Flink: `flink-conf.yaml`, `config.yaml`, or either after a `.`/`-` prefix (the
 *    names a directory walk picks), or the dialect was given explicitly (`--dialect`, or
 *    `dialect` in `.flinklint.yaml`). Standard input without `--stdin-filename` has no name.
 * 2. Its name or path is not one of a host file that other tools own (Compose, Helm, GitHub and
 *    GitLab CI, Kustomize), whatever the dialect says.
 * 3. Flink can load it.
 * 4. It has no top-level key that marks such a host (`apiVersion`/`kind`, `services`, `jobs`,
 *    `stages`, a Helm chart's `image`/`replicaCount`/…): none of them starts any Flink option.
 * 5. Read as flink-conf.yaml, it is flat: nested YAML is read by Flink line by line as other keys
 *    than its author meant, so fixing those keys would rewrite the author's structure.
 * 6. At least one of its keys is a Flink setting (an option, a deprecated or removed key, or a
 *    prefix Flink passes through, of any catalogued release). Other keys do not count against it:
 *    real files carry job parameters of their own.
 *
 * Each fix must also edit only the lines of entries whose key is a Flink setting (`editableSpans`).
 */
import { catalogFor, keyHistory } from "../model/catalog.js";
import { createSession } from "../model/session.js";
import { findingsOf, FindingKind } from "../parser/findings.js";
import type { ConfigDocument, LintOptions, LintResult, Session, TextEdit } from "../types.js";

export type Identification = { identified: true } | { identified: false; reason: string };

/** A file name Flink reads: `flink-conf.yaml`, `config.yaml`, or either after a `.` or `-` prefix (what a directory walk picks). */
export const FLINK_CONFIG_FILE_NAME = /^(?:.*[.-])?(?:flink-conf|config)\.yaml$/;

/** Names and paths of files that carry Flink settings inside another tool's format. */
export const HOST_FILE_NAMES: ReadonlyArray<{ test: RegExp; host: string }> = [
  { test: /(?:^|[\\/])(?:docker-)?compose(?:[.-][^\\/]*)?\.ya?ml$/i, host: "a Docker Compose file" },
  { test: /(?:^|[\\/])values(?:[.-][^\\/]*)?\.ya?ml$/i, host: "a Helm values file" },
  { test: /(?:^|[\\/])Chart\.ya?ml$/, host: "a Helm chart file" },
  { test: /(?:^|[\\/])\.github[\\/]workflows[\\/]/, host: "a GitHub Actions workflow" },
  { test: /(?:^|[\\/])action\.ya?ml$/, host: "a GitHub Action" },
  { test: /(?:^|[\\/])\.gitlab-ci\.ya?ml$/, host: "a GitLab CI file" },
  { test: /(?:^|[\\/])\.circleci[\\/]/, host: "a CircleCI file" },
  { test: /(?:^|[\\/])kustomization\.ya?ml$/, host: "a Kustomize file" },
];

/** Top-level keys that mark a host format; a test asserts that no Flink option starts with one. */
export const HOST_TOP_LEVEL_KEYS: ReadonlyArray<{ keys: readonly string[]; host: string }> = [
  { keys: ["apiVersion", "kind"], host: "a Kubernetes manifest" },
  { keys: ["services"], host: "a Docker Compose file" },
  { keys: ["jobs"], host: "a CI workflow" },
  { keys: ["stages"], host: "a GitLab CI file" },
  {
    keys: ["image", "imagePullSecrets", "replicaCount", "serviceAccount", "podAnnotations", "nodeSelector", "tolerations", "affinity", "ingress"],
    host: "a Helm values file",
  },
];

const NOT_FIXED = "not identified as a Flink configuration file";

/** Decides whether `result` (the lint of a file's text with `options`) is a Flink configuration file. */
export function identifyFlinkConfig(result: LintResult, options: Pick<LintOptions, "filename" | "dialect" | "session">): Identification {
  const name = options.filename;
  const base = name === undefined ? undefined : name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  if (name !== undefined) {
    const host = HOST_FILE_NAMES.find((h) => h.test.test(name));
    if (host) return refuse(`its name says it is ${host.host}`);
  }
  if (options.dialect === undefined && (base === undefined || !FLINK_CONFIG_FILE_NAME.test(base))) {
    return refuse(
      name === undefined || name === "<stdin>"
        ? "standard input has no file name; give --stdin-filename or --dialect"
        : "its name is not flink-conf.yaml or config.yaml; give --dialect to read it as one",
    );
  }
  const doc = result.document;
  if (doc.loadFailure) return refuse("Flink cannot load it");
  const firstSegments = new Set<string>();
  for (const raw of doc.byKey.keys()) {
    const key = stripBom(raw);
    const dot = key.indexOf(".");
    firstSegments.add(dot === -1 ? key : key.slice(0, dot));
  }
  const marker = HOST_TOP_LEVEL_KEYS.find((m) => m.keys.some((k) => firstSegments.has(k)));
  if (marker) return refuse(`it looks like ${marker.host}: top-level ${marker.keys.filter((k) => firstSegments.has(k)).join(", ")}`);
  if (doc.dialect === "legacy" && findingsOf(doc, FindingKind.legacyNestedYaml).length > 0) {
    return refuse("it is nested YAML, which Flink's flink-conf.yaml reader does not read as written");
  }
  const isSetting = flinkSettingTest(result.flinkVersion, options.session ?? createSession());
  for (const key of doc.byKey.keys()) if (isSetting(key)) return { identified: true };
  return refuse("none of its keys is a Flink setting");
}

function refuse(why: string): Identification {
  return { identified: false, reason: `${NOT_FIXED} (${why})` };
}

function stripBom(key: string): string {
  return key.charCodeAt(0) === 0xfeff ? key.slice(1) : key;
}

/** Whether a key is a Flink setting in any catalogued release (what unknown-key does not report as unknown). */
export function flinkSettingTest(flinkVersion: string, session: Session): (key: string) => boolean {
  const catalog = catalogFor(flinkVersion, session);
  const history = keyHistory(flinkVersion, session);
  return (raw) => {
    const key = stripBom(raw);
    return catalog.isKnown(key) || history.since(key) !== undefined || history.lastBefore(key) !== undefined;
  };
}

/** Offset ranges [start, end) a fix may edit: the whole lines (with line breaks) of entries whose key is a Flink setting. */
export function editableSpans(doc: ConfigDocument, flinkVersion: string, session: Session): Array<[number, number]> {
  const isSetting = flinkSettingTest(flinkVersion, session);
  const spans: Array<[number, number]> = [];
  for (const entry of doc.entries) {
    if (!isSetting(entry.key)) continue;
    const first = doc.lines.line(entry.keyRange.start.line);
    const lastLine = Math.max(entry.keyRange.end.line, entry.valueRange.end.line);
    const end = lastLine < doc.lines.lineCount ? doc.lines.line(lastLine + 1).start : doc.text.length;
    spans.push([first.start, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  // Adjacent or overlapping lines merge, so an edit spanning two Flink settings fits one span.
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** Whether an edit stays inside the spans, or only removes the byte order mark that starts the file. */
export function editIsWithin(edit: TextEdit, spans: ReadonlyArray<readonly [number, number]>, text: string): boolean {
  const { offset: start } = edit.range.start;
  const { offset: end } = edit.range.end;
  if (start === 0 && end === 1 && edit.text === "" && text.charCodeAt(0) === 0xfeff) return true;
  // The last span starting at or before the edit (spans are sorted and disjoint).
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((spans[mid]?.[0] ?? 0) <= start) lo = mid;
    else hi = mid - 1;
  }
  const span = spans[lo];
  return span !== undefined && span[0] <= start && end <= span[1];
}
