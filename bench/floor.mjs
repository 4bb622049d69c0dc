/**
 * The floor of a batch run: one process that walks a tree, reads every file and parses it with
 * `yaml` (the least any linter of these files must do), printing how many files it read. `npm run
 * bench` times flinklint against it in the same run.
 *
 *   node bench/floor.mjs <dir>
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";

function walk(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}

let files = 0;
let keys = 0;
walk(process.argv[2] ?? ".", (path) => {
  const doc = parseDocument(readFileSync(path, "utf8"));
  keys += doc.contents && "items" in doc.contents ? doc.contents.items.length : 0;
  files++;
});
console.log(JSON.stringify({ files, keys }));
