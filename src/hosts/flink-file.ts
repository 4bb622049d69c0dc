/**
 * The host adapter of a Flink configuration file itself (`flink-conf.yaml`, `config.yaml`, or any
 * file read in a dialect the user chose): one target, the file as Flink's reader sees it. It takes
 * every file no other adapter claims.
 */
import { resolveDialect } from "../engine/lint.js";
import { dialectForFilename, parseConfig } from "../parser/index.js";
import type { HostAdapter, HostInput, HostReading } from "./types.js";

export const HOST = "Flink configuration file";

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

export const flinkFileAdapter: HostAdapter = {
  id: "flink-file",
  claims: () => true,
  carriesFlinkConfiguration: ({ filename }: HostInput) => filename !== undefined && dialectForFilename(baseName(filename)) !== undefined,
  read({ text, options }: HostInput): HostReading {
    const dialect = resolveDialect(options);
    const document = parseConfig(text, dialect);
    return {
      host: HOST,
      targets: [
        {
          name: "",
          what: "",
          document,
          layers: [{ kind: "file", label: options.filename ?? "the file", external: false }],
          processes: ["jobmanager", "taskmanager"],
          isConfigFile: true,
          reread: (edited) => parseConfig(edited, dialect),
        },
      ],
      fixable: true,
    };
  },
};
