/**
 * lintText's file-wide list: targets that share the host's lines report the same finding once,
 * the list is in compareDiagnostics order, and of equal findings the first target's is kept.
 */
import { describe, expect, it } from "vitest";
import { compareDiagnostics } from "../src/engine/lint.js";
import type { HostAdapter } from "../src/hosts/types.js";
import { lintText } from "../src/lint-file.js";
import { parseConfig } from "../src/parser/index.js";
import type { RuleModule } from "../src/types.js";

/** Reports every entry's key, and a second time with another message, and the first key twice. */
const echo: RuleModule = {
  meta: {
    id: "echo",
    severity: "warning",
    description: "test rule",
    messages: { key: "key {{key}}", again: "again {{key}}" },
    docs: { why: "", valid: [], invalid: [] },
  },
  check(ctx) {
    const entries = ctx.doc.entries;
    for (const e of [...entries].reverse()) ctx.report({ messageId: "again", at: e.keyRange, data: { key: e.key } });
    for (const e of entries) ctx.report({ messageId: "key", at: e.keyRange, data: { key: e.key } });
    const first = entries[0];
    if (first) ctx.report({ messageId: "key", at: first.keyRange, data: { key: first.key } });
  },
} as RuleModule;

/** A host whose file holds `copies` configurations, all read from the same lines. */
function sharedLines(copies: number): HostAdapter {
  return {
    id: "shared",
    claims: () => true,
    carriesFlinkConfiguration: () => true,
    read: ({ text }) => ({
      host: "test host",
      fixable: false,
      targets: Array.from({ length: copies }, (_, i) => ({
        name: `t${i}`,
        what: "test target",
        document: parseConfig(text, "legacy"),
        layers: [],
        processes: ["jobmanager", "taskmanager"],
        isConfigFile: true,
      })),
    }),
  };
}

const TEXT = "b.key: 1\na.key: 2\n";
const shown = (copies: number) =>
  lintText(TEXT, {}, [sharedLines(copies)], [echo]).diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.message}`);

describe("lintText's diagnostics", () => {
  it("lists a finding repeated by one rule once, in order", () => {
    expect(shown(1)).toEqual(["1:1 again b.key", "1:1 key b.key", "2:1 again a.key", "2:1 key a.key"]);
  });

  it("lists what targets on the same lines share once, as one target shows it", () => {
    expect(shown(3)).toEqual(shown(1));
  });

  it("keeps the first target's copy of equal findings and sorts the rest as compareDiagnostics does", () => {
    const result = lintText(TEXT, {}, [sharedLines(2)], [echo]);
    const firstTarget = result.results[0]?.diagnostics ?? [];
    for (const d of result.diagnostics) expect(firstTarget).toContain(d);
    expect([...result.diagnostics].sort(compareDiagnostics)).toEqual(result.diagnostics);
  });
});
