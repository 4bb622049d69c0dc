/**
 * The host adapter of templates: a YAML file with Helm (Go template) actions `{{ … }}`, such as a
 * chart's `templates/flinkdeployment.yaml`. Flink reads only what Helm renders from it, and the
 * template is often not even valid YAML, so it is not parsed: one target, without settings, carries
 * the place of the first action, where rule helm-template says to lint the rendered output.
 */
import { assembleDocument } from "../../parser/document.js";
import { LineIndex } from "../../parser/lines.js";
import { firstTemplateAction, TEMPLATE_FINDING } from "../../parser/placeholders.js";
import type { HostAdapter, HostInput, HostReading } from "../types.js";

export const HOST = "Helm template";

/** Files a template of Flink configuration can be: YAML, Helm's `.tpl`, or standard input without a name. */
const TEMPLATE_NAME = /\.(ya?ml|tpl)$/i;

/** Words that say a template renders Flink configuration (a directory scan reads only those). */
const FLINK_CONTENT = /\bFlinkDeployment\b|\bFlinkSessionJob\b|\bFLINK_PROPERTIES\b|flink-conf\.yaml|\b(?:taskmanager|jobmanager)\.(?:memory|numberOfTaskSlots|rpc|heap)|image:\s*["']?(?:[\w.-]+\/)*flink[:@\s"']/;

function isTemplate({ text, filename, options }: HostInput): boolean {
  // An explicit --dialect reads the file as a Flink file, placeholders and all.
  return options.dialect === undefined && (filename === undefined || TEMPLATE_NAME.test(filename)) && firstTemplateAction(text) !== undefined;
}

export const templateAdapter: HostAdapter = {
  id: "template",
  claims: isTemplate,
  carriesFlinkConfiguration: (input: HostInput) => isTemplate(input) && FLINK_CONTENT.test(input.text),
  read({ text }: HostInput): HostReading {
    const lines = new LineIndex(text);
    const action = firstTemplateAction(text) ?? { start: 0, end: 0 };
    const range = lines.range(action.start, action.end);
    const document = assembleDocument("standard", text, [], [{ kind: TEMPLATE_FINDING, range }], undefined, lines);
    return {
      host: HOST,
      targets: [{ name: "", what: HOST, document, layers: [], processes: [], isConfigFile: false, anchor: range }],
      fixable: false,
      notFixed: "--fix does not rewrite templates; fix the rendered output's source values",
    };
  },
};
