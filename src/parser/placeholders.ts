/**
 * Template placeholders in a value: text that something fills in before Flink reads it (a start
 * script's `sed` over `%SLOTS%`, `envsubst` over `${VAR}`, the shell over `$VAR` and `$(…)`, Helm
 * over `{{ … }}`, GitHub Actions over `${{ … }}`). Such a value is not what Flink will read, so
 * the value rules leave it alone and one note names the placeholders instead.
 */
import type { ConfigDocument, Range } from "../types.js";

/**
 * One pattern per syntax, tried together. `$VAR` must not follow a word character, so a Java class
 * name such as `Outer$Inner` is not taken for one; `%VAR%` needs two or more characters between its
 * signs, so a log pattern's `%m%n` is not one either.
 */
const PLACEHOLDER_SOURCE =
  /\$\{\{[^{}]*\}\}|\{\{[-\s.$/(][^{}]*\}\}|\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}|\$\([^)]*\)|`[^`]*`|(?<![A-Za-z0-9_])\$+[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]+%/.source;
const PLACEHOLDER = new RegExp(PLACEHOLDER_SOURCE);

/** Whether `value` holds a placeholder that is filled in before Flink reads it. */
export function hasTemplatePlaceholder(value: string): boolean {
  // Every syntax holds one of these signs, and most values none: the one-class scan answers them.
  return PLACEHOLDER_SIGN.test(value) && PLACEHOLDER.test(value);
}

const PLACEHOLDER_SIGN = /[$%{`]/;

/** The distinct placeholders in `value`, in order of first appearance. */
export function templatePlaceholders(value: string): string[] {
  if (!PLACEHOLDER.test(value)) return [];
  const found = new Set<string>();
  for (const match of value.matchAll(new RegExp(PLACEHOLDER_SOURCE, "g"))) found.add(match[0]);
  return [...found];
}

/**
 * A Helm (Go template) action `{{ … }}`, not GitHub Actions' `${{ … }}` nor the operator's ingress
 * template (`{{name}}.{{namespace}}`): where the first one is. Helm actions open with a space, a
 * trim marker, a field (`.Values`), a variable or a comment; a bare `{{name}}` is not taken for one.
 * A file holding one is a template, which Flink never reads as it is.
 */
export function firstTemplateAction(text: string): { start: number; end: number } | undefined {
  // indexOf and one forward pass for comments, not a lazy regex: a long text with many `{{` and
  // no `}}` stays linear.
  let scanned = 0;
  let inComment = false;
  let open = text.indexOf("{{");
  while (open >= 0) {
    for (; scanned < open; scanned++) {
      const c = text.charCodeAt(scanned);
      if (c === LF) inComment = false;
      else if (c === HASH && (scanned === 0 || /\s/.test(text.charAt(scanned - 1)))) inComment = true;
    }
    if (text.charCodeAt(open - 1) !== DOLLAR && ACTION_START.test(text.charAt(open + 2)) && !inComment) break;
    open = text.indexOf("{{", open + 2);
  }
  if (open < 0) return undefined;
  const close = text.indexOf("}}", open + 2);
  return close < 0 ? undefined : { start: open, end: close + 2 };
}

const ACTION_START = /^[-\s.$/(]$/;
const LF = 10;
const HASH = 35;
const DOLLAR = 36;

/** The parse-finding kind a host adds where a file it reads is a template (rule helm-template). */
export const TEMPLATE_FINDING = "helm-template";

/**
 * Where a document shows that it is a Helm template, if it does: the finding a host added at the
 * file's first `{{ … }}`, else the first setting whose key or value holds one.
 */
export function templateActionRange(doc: ConfigDocument): Range | undefined {
  const found = doc.findings.find((f) => f.kind === TEMPLATE_FINDING);
  if (found) return found.range;
  for (const entry of doc.entries) {
    if (firstTemplateAction(entry.value.text)) return entry.valueRange;
    if (firstTemplateAction(entry.key)) return entry.keyRange;
  }
  return undefined;
}
