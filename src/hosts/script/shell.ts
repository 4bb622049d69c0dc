/**
 * Shell commands as a POSIX shell splits them into words, for finding the `-D` arguments of Flink's
 * launchers. Only read, never run: quotes are removed and line continuations joined as the shell
 * does, but nothing is expanded (`$VAR`, `$(…)` stay as written, so they show as placeholders),
 * and every character of a word keeps the offset in the host text it comes from.
 */

/** One word of a command, after quote removal. */
export interface ShellWord {
  text: string;
  /** The host offset of each character of `text`. */
  at: number[];
  /** Host offsets of the word's source, quotes included (end exclusive). */
  start: number;
  end: number;
}

export interface ShellCommand {
  words: ShellWord[];
}

export interface ShellReadOptions {
  /** Maps an offset of the text read to the host file (a workflow's `run:` block); identity by default. */
  toHost?: (offset: number) => number;
  /** A Makefile recipe: `$$` is make's escape for one `$`. */
  makefile?: boolean;
  /** How deep in command substitutions this text is (their commands are read a few levels deep). */
  depth?: number;
}

/** Command substitutions deeper than this are kept as text: deep nesting is no launch script. */
const MAX_NESTING = 4;

const BLANK = new Set([" ", "\t"]);
const WORD_END = new Set([" ", "\t", "\n", "\r", ";", "&", "|", "(", ")", "<", ">"]);

/** The simple commands of `text`, in order (pipelines, lists and subshells split into their commands). */
export function readShellCommands(text: string, options: ShellReadOptions = {}): ShellCommand[] {
  const host = options.toHost ?? ((offset: number) => offset);
  const makefile = options.makefile ?? false;
  const n = text.length;
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let redirectTarget = false;
  let i = 0;

  /** Commands inside command substitutions, added after the command that holds them. */
  const nested: ShellCommand[] = [];
  const depth = options.depth ?? 0;
  const readNested = (from: number, to: number): ShellCommand[] =>
    depth >= MAX_NESTING ? [] : readShellCommands(text.slice(from, to), { toHost: (offset) => host(from + offset), makefile, depth: depth + 1 });

  const endCommand = (): void => {
    if (words.length > 0) commands.push({ words });
    words = [];
    commands.push(...nested.splice(0));
  };

  /** A line continuation (backslash, newline) at `at`: its length, else 0. */
  const continuation = (at: number): number => {
    if (text[at] !== "\\") return 0;
    if (text[at + 1] === "\n") return 2;
    if (text[at + 1] === "\r") return text[at + 2] === "\n" ? 3 : 2;
    return 0;
  };

  const readWord = (): ShellWord => {
    const chars: string[] = [];
    const at: number[] = [];
    const start = i;
    const push = (ch: string, offset: number): void => {
      chars.push(ch);
      at.push(host(offset));
    };
    /**
     * `$(…)`, `${…}`, `$((…))` as written, up to the bracket that closes the first. The commands of
     * a command substitution are read too (`JOB=$(flink run -d … job.jar)` calls a launcher).
     */
    const pushBalanced = (): void => {
      const open = text[i + 1] as "(" | "{";
      const close = open === "(" ? ")" : "}";
      const substitution = open === "(" && text[i + 2] !== "(" ? i + 2 : undefined;
      push("$", i);
      i++;
      let depth = 0;
      while (i < n) {
        const c = text[i] as string;
        if (c === "'" || c === '"') {
          push(c, i);
          i++;
          while (i < n && text[i] !== c) {
            push(text[i] as string, i);
            i++;
          }
          if (i < n) push(c, i);
          i++;
          continue;
        }
        push(c, i);
        i++;
        if (c === open) depth++;
        else if (c === close && --depth === 0) {
          if (substitution !== undefined) nested.push(...readNested(substitution, i - 1));
          return;
        }
      }
    };
    const pushBackquoted = (): void => {
      push("`", i);
      i++;
      const from = i;
      while (i < n && text[i] !== "`") {
        push(text[i] as string, i);
        i++;
      }
      nested.push(...readNested(from, i));
      if (i < n) push("`", i);
      i++;
    };
    while (i < n) {
      const c = text[i] as string;
      if (WORD_END.has(c)) break;
      const joined = continuation(i);
      if (joined > 0) {
        i += joined;
        continue;
      }
      if (c === "\\") {
        if (i + 1 < n) push(text[i + 1] as string, i + 1);
        i += 2;
        continue;
      }
      if (c === "'") {
        i++;
        while (i < n && text[i] !== "'") {
          push(text[i] as string, i);
          i++;
        }
        i++;
        continue;
      }
      if (c === '"' || (c === "$" && text[i + 1] === '"')) {
        i += c === "$" ? 2 : 1;
        while (i < n && text[i] !== '"') {
          const d = text[i] as string;
          const inner = continuation(i);
          if (inner > 0) {
            i += inner;
          } else if (d === "\\" && i + 1 < n && "$`\"\\".includes(text[i + 1] as string)) {
            push(text[i + 1] as string, i + 1);
            i += 2;
          } else if (d === "$" && (text[i + 1] === "(" || text[i + 1] === "{")) {
            pushBalanced();
          } else if (d === "`") {
            pushBackquoted();
          } else if (makefile && d === "$" && text[i + 1] === "$") {
            push("$", i);
            i += 2;
          } else {
            push(d, i);
            i++;
          }
        }
        i++;
        continue;
      }
      if (c === "$" && text[i + 1] === "'") {
        // ANSI-C quoting: an escape stands for one character.
        i += 2;
        while (i < n && text[i] !== "'") {
          if (text[i] === "\\" && i + 1 < n) {
            push(ANSI_ESCAPES[text[i + 1] as string] ?? (text[i + 1] as string), i + 1);
            i += 2;
          } else {
            push(text[i] as string, i);
            i++;
          }
        }
        i++;
        continue;
      }
      if (makefile && c === "$" && text[i + 1] === "$") {
        push("$", i);
        i += 2;
        continue;
      }
      if (c === "$" && (text[i + 1] === "(" || text[i + 1] === "{")) {
        pushBalanced();
        continue;
      }
      if (c === "`") {
        pushBackquoted();
        continue;
      }
      push(c, i);
      i++;
    }
    return { text: chars.join(""), at, start: host(start), end: host(Math.min(i, n)) };
  };

  while (i < n) {
    const c = text[i] as string;
    if (BLANK.has(c)) {
      i++;
      continue;
    }
    const joined = continuation(i);
    if (joined > 0) {
      i += joined;
      continue;
    }
    if (c === "\n" || c === "\r") {
      endCommand();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      if (heredocs.length > 0) {
        i = skipHeredocs(text, i, heredocs);
        heredocs = [];
      }
      continue;
    }
    if (c === "#") {
      while (i < n && text[i] !== "\n" && text[i] !== "\r") i++;
      continue;
    }
    if (c === "&" && text[i + 1] === ">") {
      i += text[i + 2] === ">" ? 3 : 2;
      redirectTarget = true;
      continue;
    }
    if (c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
      endCommand();
      i++;
      continue;
    }
    if (c === "<" && text[i + 1] === "<" && text[i + 2] !== "<") {
      i += 2;
      let stripTabs = false;
      if (text[i] === "-") {
        stripTabs = true;
        i++;
      }
      while (i < n && BLANK.has(text[i] as string)) i++;
      const delimiter = readWord();
      if (delimiter.text !== "") heredocs.push({ delimiter: delimiter.text, stripTabs });
      continue;
    }
    if (c === "<" || c === ">") {
      i++;
      while (i < n && "<>&|".includes(text[i] as string)) i++;
      redirectTarget = true;
      continue;
    }
    const word = readWord();
    if (redirectTarget) {
      redirectTarget = false;
      continue;
    }
    // `2>…`: a file descriptor number written against its redirection.
    if (/^\d+$/.test(word.text) && (text[i] === "<" || text[i] === ">")) continue;
    words.push(word);
  }
  endCommand();
  return commands;
}

const ANSI_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' };

/** Skips the bodies of here-documents that start after a line's end, each up to its delimiter line. */
function skipHeredocs(text: string, from: number, heredocs: readonly { delimiter: string; stripTabs: boolean }[]): number {
  let i = from;
  for (const { delimiter, stripTabs } of heredocs) {
    while (i < text.length) {
      let lineEnd = text.indexOf("\n", i);
      if (lineEnd < 0) lineEnd = text.length;
      let line = text.slice(i, lineEnd).replace(/\r$/, "");
      if (stripTabs) line = line.replace(/^\t+/, "");
      i = lineEnd + 1;
      if (line === delimiter) break;
    }
  }
  return Math.min(i, text.length);
}
