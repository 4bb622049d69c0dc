/** Command-line mistakes get one clear line: an unknown option names the closest known one, with nothing left unclosed. */
import { describe, expect, it } from "vitest";
import { parseCliArguments, UsageError } from "../src/cli/args.js";

function usageError(argv: string[]): string {
  try {
    parseCliArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
}

describe("command-line arguments", () => {
  it.each([
    [["--frmat", "json", "f.yaml"], "unknown option --frmat; did you mean --format?"],
    [["--fixx", "f.yaml"], "unknown option --fixx; did you mean --fix?"],
    [["--flink-verison=1.20", "f.yaml"], "unknown option --flink-verison; did you mean --flink-version?"],
    [["--zzzzzzzzzzzz", "f.yaml"], "unknown option --zzzzzzzzzzzz"],
    [["-x", "f.yaml"], "unknown option -x"],
  ])("%j: %s", (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it("messages close every quote they open", () => {
    for (const argv of [["--frmat"], ["--format"], ["-f"], ["--max-warnings", "x"], ["--dialect", "yaml"]]) {
      let message = "";
      try {
        parseCliArguments(argv);
      } catch (error) {
        message = (error as Error).message;
      }
      for (const quote of ['"', "'"]) expect(message.split(quote).length % 2, `${argv.join(" ")}: ${message}`).toBe(1);
    }
  });
});
