// Flink reads a value as it stands: `%SLOTS%` or `${TM_MEMORY}` is text until a start script's sed,
// envsubst (the flink image's entrypoint) or the shell fills it in, and ConfigurationUtils converts only that.
import { catalogFor, memoryKeySet } from "../src/model/catalog.js";
import { hasTemplatePlaceholder, templateActionRange, templatePlaceholders } from "../src/parser/placeholders.js";
import { defineRule, type RuleContext } from "../src/types.js";
import { clip } from "../src/util/text.js";

/**
 * Keys whose value flinklint checks (memory options, typed options): a placeholder there hides a
 * check. A free-text option (a cluster id, a path) is checked by nothing, so its placeholder is no news.
 */
function checkedKeys(ctx: RuleContext): (key: string) => boolean {
  const catalog = catalogFor(ctx.flinkVersion, ctx.session);
  const memory = memoryKeySet(ctx.flinkVersion, ctx.session);
  return (key) => {
    if (memory.has(key)) return true;
    const option = catalog.option(catalog.replacementOf(key) ?? key);
    return option !== undefined && (option.type !== "String" || option.valuesAreShortcuts === true);
  };
}

/** Placeholders for a message: as many as fit in about 40 characters, then how many more. */
function listed(placeholders: readonly string[]): string {
  const shown: string[] = [];
  let length = 0;
  for (const p of placeholders) {
    const text = `\`${clip(p, 30)}\``;
    if (shown.length > 0 && length + text.length > 40) break;
    shown.push(text);
    length += text.length + 2;
  }
  const more = placeholders.length - shown.length;
  return more === 0 ? shown.join(", ") : `${shown.join(", ")}, ${more} more`;
}

export default defineRule({
  meta: {
    id: "template-placeholder",
    severity: "warning",
    description: "Checked values (sizes, numbers, booleans) holding placeholders that are filled in before Flink reads them",
    messages: {
      placeholders: "{{subject}}, filled in before Flink reads {{them}}, so flinklint skips {{them}}; lint the filled-in file.",
    },
    docs: {
      why:
        "Configuration is often a template: a start script replaces `%SLOTS%` with `sed`, the flink image's " +
        "entrypoint runs `envsubst` over `${VAR}`, a launch script passes `-Dkey=$VALUE`. The text in the file is " +
        "then not what Flink reads, so flinklint's value checks (memory sizes, numbers, booleans) leave such values " +
        "alone rather than report an error Flink will never see. This note, once per file, names the placeholders of " +
        "the values that went unchecked (free-text options such as a host name are checked by nothing, so their " +
        "placeholders are not named). If nothing fills them in, Flink reads the placeholder itself " +
        "and fails on every typed option that holds one.",
      valid: [{ dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.numberOfTaskSlots: 4\n" }],
      invalid: [
        { dialect: "legacy", code: "taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.numberOfTaskSlots: %SLOTS%\n" },
        { dialect: "standard", code: "taskmanager.memory.process.size: ${TM_MEMORY}\njobmanager.memory.process.size: 1600m\nparallelism.default: ${PARALLELISM:-2}\n" },
      ],
    },
  },
  check(ctx) {
    // A Helm template is one note of its own (helm-template): every value there is unchecked.
    if (templateActionRange(ctx.doc) !== undefined) return;
    // A host that fills in variables itself (Compose) reports those it cannot see (unresolved-variable).
    if (ctx.doc.findings.some((f) => f.kind === "unresolved-variable")) return;
    const checked = checkedKeys(ctx);
    // The cheap test first: most values hold no placeholder, and most keys are checked.
    const holding = ctx.doc.entries.filter((e) => !e.overridden && hasTemplatePlaceholder(e.value.text) && checked(e.key));
    const first = holding[0];
    if (first === undefined) return;
    const placeholders = [...new Set(holding.flatMap((e) => templatePlaceholders(e.value.text)))];
    const shown = listed(placeholders);
    const others = holding.length - 1;
    ctx.report({
      messageId: "placeholders",
      at: first.valueRange,
      key: first.key,
      data: {
        key: first.key,
        value: clip(first.value.text),
        subject: others === 0 ? `\`${first.key}\` holds ${shown}` : `${holding.length} values hold placeholders (${shown})`,
        them: others === 0 ? "it" : "them",
      },
      related: holding.slice(1, 20).map((e) => ({ message: `${e.key} holds a placeholder too`, range: e.valueRange })),
    });
  },
});
