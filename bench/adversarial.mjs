/**
 * The bench's adversarial section: the hostile inputs of fixtures/adversarial/cases.ts (a 50 MB
 * file, 400,000 unknown keys, 10,000 levels of nesting, …) through the built CLI with its JSON
 * report. The tests only check that each gets a normal result and grows linearly; how long each
 * takes is measured here, against `node -e 0` timed in the same run.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * cases.ts is TypeScript, which Node 20 cannot import: esbuild turns it into a module in `dir`,
 * with its own location kept for `import.meta.url` (the seed files beside it).
 */
async function loadCases(root, dir) {
  const source = join(root, "fixtures", "adversarial", "cases.ts");
  const out = join(dir, "adversarial-cases.mjs");
  await build({
    entryPoints: [source],
    outfile: out,
    bundle: true,
    format: "esm",
    platform: "node",
    logLevel: "warning",
    define: { "import.meta.url": JSON.stringify(pathToFileURL(source).href) },
  });
  return (await import(pathToFileURL(out).href)).ADVERSARIAL_CASES;
}

/**
 * Writes the corpus into `dir` and times `bin --format json --no-config-lookup` on each large
 * case, and once on all small ones together (start-up dominates them): the fastest of `runs`.
 * `timed` is the bench's runner; a run that does not exit 0 or 1 is an error, not a number.
 */
export async function adversarialTimes({ root, bin, dir, runs, timed }) {
  const cases = await loadCases(root, dir);
  for (const c of cases) writeFileSync(join(dir, c.file), c.build());
  const env = { ...process.env, NO_COLOR: "1", GITHUB_ACTIONS: "" };
  const time = (name, files) => {
    let best;
    for (let i = 0; i < runs; i++) {
      const run = timed(process.execPath, [bin, "--format", "json", "--no-config-lookup", ...files], { cwd: dir, env });
      if (run.code !== 0 && run.code !== 1) throw new Error(`${name} exited ${run.code}: ${run.stderr.slice(0, 300)}`);
      if (best === undefined || run.ms < best.ms) best = run;
    }
    return { name, files: files.length, ms: best.ms, reportMiB: Buffer.byteLength(best.stdout) / 2 ** 20 };
  };
  const small = cases.filter((c) => !c.large);
  return [
    time(`${small.length} small hostile files, one process`, small.map((c) => c.file)),
    ...cases.filter((c) => c.large).map((c) => time(c.description, [c.file])),
  ];
}
