import type { RuleReport } from "../types.js";
/** Small text helpers for messages. */

/** How much of a value from the file a message quotes: enough to recognise it; the range shows the rest. */
export const QUOTED_VALUE_LENGTH = 40;

/** `text`, or its first characters and "…" when it is longer than `max` (never splitting a surrogate pair). */
export function clip(text: string, max: number = QUOTED_VALUE_LENGTH): string {
  if (text.length <= max) return text;
  let head = text.slice(0, Math.max(1, max - 1));
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1);
  return `${head}…`;
}

/** A float fraction as a percentage, from its shortest float digits: 0.1f → "10%". */
export function percent(fraction: number): string {
  let digits = fraction;
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(fraction.toPrecision(p));
    if (Math.fround(candidate) === Math.fround(fraction)) {
      digits = candidate;
      break;
    }
  }
  return `${Number((digits * 100).toPrecision(7))}%`;
}

/** The report with the quoted parts of the line clipped (the range shows all of it). */
export function clippedReport<M extends string>(report: RuleReport<M>, limits: Record<string, number>): RuleReport<M> {
  const data = { ...report.data };
  for (const [name, max] of Object.entries(limits)) {
    const value = data[name];
    if (typeof value === "string") data[name] = clip(value, max);
  }
  return { ...report, data };
}
