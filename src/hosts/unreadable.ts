/**
 * A host file that is not valid YAML: one target whose document Flink cannot load, with the parse
 * finding at the error. The tool that owns the host (kubectl, docker compose) refuses it too.
 */
import { assembleDocument } from "../parser/document.js";
import { FindingKind } from "../parser/findings.js";
import type { ConfigTarget, FlinkProcess, Range } from "../types.js";

export interface UnreadableHost {
  /** How the target is named, e.g. "FlinkDeployment", "Compose service". */
  what: string;
  /** Who else cannot read it, e.g. "kubectl cannot read this manifest either". */
  alsoRefusedBy: string;
  /** The load failure's message, e.g. "The manifest is not valid YAML." */
  message: string;
  processes: readonly FlinkProcess[];
}

export function unreadableHostTarget(text: string, error: { message: string; range: Range }, host: UnreadableHost): ConfigTarget {
  const cause = `${error.message} (${host.alsoRefusedBy})`;
  const document = assembleDocument(
    "standard",
    text,
    [],
    [{ kind: FindingKind.parse, range: error.range, data: { variant: "syntax", problem: cause, cause } }],
    { message: host.message, causes: [cause], range: error.range },
  );
  return { name: "", what: host.what, document, layers: [], processes: host.processes, isConfigFile: false };
}
