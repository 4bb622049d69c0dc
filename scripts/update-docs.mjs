// Regenerates the README's rules table from the rules' metadata (run after `npm run build`).
import { readFileSync, writeFileSync } from "node:fs";
import { rules } from "../dist/rules/index.js";
import { renderRulesTable, replaceGeneratedBlock } from "../dist/src/docs.js";

const readme = new URL("../README.md", import.meta.url);
const before = readFileSync(readme, "utf8");
const after = replaceGeneratedBlock(before, renderRulesTable(rules));
if (after !== before) writeFileSync(readme, after);
console.log(after === before ? "README.md is up to date" : "README.md rules table updated");
