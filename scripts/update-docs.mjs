// Regenerates the rule docs (docs/rules/*.md) and the README's rules table from the rules'
// metadata, and the README's memory figure (docs/memory-figure.svg). Run with `npm run docs` (it
// builds first); a test fails when they are out of date.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { rules } from "../dist/rules/index.js";
import { lintExample } from "../dist/src/lint-file.js";
import { DOCS_FIGURE, renderDocsFigure, renderRuleDocs, renderRulesTable, replaceGeneratedBlock } from "../dist/src/docs.js";

const root = new URL("../", import.meta.url);

let changed = 0;
const write = (path, text) => {
  const url = new URL(path, root);
  let before;
  try {
    before = readFileSync(url, "utf8");
  } catch {}
  if (before !== text) {
    writeFileSync(url, text);
    changed++;
  }
};

mkdirSync(new URL("docs/rules/", root), { recursive: true });
const files = renderRuleDocs(rules, lintExample);
for (const [path, text] of files) write(path, text);
for (const name of readdirSync(new URL("docs/rules/", root))) {
  if (!files.has(`docs/rules/${name}`)) {
    unlinkSync(new URL(`docs/rules/${name}`, root));
    changed++;
  }
}
const readme = readFileSync(new URL("README.md", root), "utf8");
write("README.md", replaceGeneratedBlock(readme, renderRulesTable(rules)));
write(DOCS_FIGURE.path, renderDocsFigure(readFileSync(new URL(DOCS_FIGURE.source, root), "utf8")));
console.log(changed ? `updated ${changed} docs file(s)` : "docs are up to date");
