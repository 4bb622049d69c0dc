/**
 * Files of other tools that a user names but that carry no Flink configuration flinklint reads
 * (a CI workflow, Helm values, a Kubernetes object without Flink, …): read as a flat
 * flink-conf.yaml they would give only findings about their own structure, so they get one
 * notice instead. A Flink file name or an explicit --dialect always reads the file as Flink's.
 */
import { FLINK_CONFIG_FILE_NAME, HOST_FILE_NAMES, HOST_TOP_LEVEL_KEYS } from "../engine/identify.js";
import type { HostAdapter, HostInput, HostReading } from "./types.js";

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** The kind of host a file is, by its name or its top-level keys; undefined when it may be a Flink file. */
export function foreignHost({ text, filename, options }: HostInput): string | undefined {
  if (options.dialect !== undefined || filename === undefined || FLINK_CONFIG_FILE_NAME.test(baseName(filename))) return undefined;
  const byName = HOST_FILE_NAMES.find((h) => h.test.test(filename));
  if (byName) return byName.host;
  for (const marker of HOST_TOP_LEVEL_KEYS) {
    for (const key of marker.keys) if (new RegExp(`^["']?${key}["']?[ \\t]*:`, "m").test(text)) return marker.host;
  }
  return undefined;
}

export const foreignFileAdapter: HostAdapter = {
  id: "foreign",
  claims: (input) => foreignHost(input) !== undefined,
  carriesFlinkConfiguration: () => false,
  read(input): HostReading {
    const host = foreignHost(input) ?? "a file of another tool";
    return {
      host,
      targets: [],
      fixable: false,
      notice: `${host} with no Flink configuration that flinklint reads; not linted (give --dialect to read it as a Flink file)`,
    };
  },
};
