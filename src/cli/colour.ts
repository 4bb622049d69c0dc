/**
 * Whether output for people may carry colour codes, decided once for every part of it: `--color`
 * or `--no-color` first, then NO_COLOR (set and not empty, as no-color.org defines it), then
 * FORCE_COLOR ("0" and "false" turn colours off, anything else on, as chalk reads it), then whether
 * standard output is a terminal.
 */
export function wantsColour(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTerminal: () => boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return isTerminal();
}
