/**
 * "Did you mean" for option keys: the few catalogued keys closest to an unknown one, by edit
 * distance, found without comparing the key with all ~1,500 of a release.
 */

/** Up to three keys close to `key`, best first; `memo` keeps the candidate groups of first segments already looked up. */
export type Suggester = (key: string, memo?: Map<string, readonly string[]>) => string[];

/**
 * "Did you mean": candidates are grouped by first dotted segment; an unknown key is compared with
 * the keys of its own first segment (or, when that segment is itself a typo, of the closest ones),
 * only with keys whose length and letters are within the edit limit (cheap lower bounds first,
 * then a banded edit distance). Keys sharing more leading segments win ties.
 */
export function createSuggester(keys: readonly string[]): Suggester {
  const byFirst = new Map<string, Array<{ key: string; letters: Uint8Array }>>();
  const byLower = new Map<string, string>();
  for (const key of keys) {
    const first = key.split(".", 1)[0] ?? key;
    const entry = { key, letters: letterCounts(key) };
    const group = byFirst.get(first);
    if (group) group.push(entry);
    else byFirst.set(first, [entry]);
    byLower.set(key.toLowerCase(), key);
  }
  const firstSegments = [...byFirst.keys()].map((s) => ({ key: s, lower: s.toLowerCase() }));
  const lengthSpan = new Map<string, [number, number]>();
  for (const [first, group] of byFirst) {
    const lengths = group.map((c) => c.key.length);
    lengthSpan.set(first, [Math.min(...lengths), Math.max(...lengths)]);
  }
  /** The first segments whose keys are candidates: the segment itself, or the closest known ones. */
  const groupsFor = (first: string): readonly string[] => {
    if (byFirst.has(first)) return [first];
    const lower = first.toLowerCase();
    const limit = Math.min(3, Math.max(1, Math.floor(first.length / 4)));
    let best = limit + 1;
    let groups: string[] = [];
    for (const candidate of firstSegments) {
      if (Math.abs(candidate.lower.length - lower.length) > limit) continue;
      const d = boundedDistance(lower, candidate.lower, limit);
      if (d < best) {
        best = d;
        groups = [candidate.key];
      } else if (d === best && d <= limit) groups.push(candidate.key);
    }
    return best > limit ? [] : groups;
  };
  return (key: string, memo?: Map<string, readonly string[]>): string[] => {
    const dot = key.indexOf(".");
    const first = dot < 0 ? key : key.slice(0, dot);
    let groups = memo?.get(first);
    if (groups === undefined) {
      groups = groupsFor(first);
      memo?.set(first, groups);
    }
    // No first segment within reach: nothing is (a key differing only in case has its first segment in reach).
    if (groups.length === 0) return [];
    const limit = Math.min(6, Math.max(1, Math.floor(key.length / 6)));
    // Cheapest bound first: no key of these groups has a length within reach.
    if (!groups.some((g) => {
      const span = lengthSpan.get(g);
      return span !== undefined && key.length >= span[0] - limit && key.length <= span[1] + limit;
    })) {
      return [];
    }
    const sameCase = byLower.get(key.toLowerCase());
    if (sameCase !== undefined) return [sameCase];
    const scratch = [new Int32Array(key.length + 8), new Int32Array(key.length + 8)];
    const letters = letterCounts(key);
    const segments = key.split(".");
    const scored: Array<{ key: string; distance: number; shared: number }> = [];
    for (const group of groups) {
      for (const candidate of byFirst.get(group) ?? []) {
        if (Math.abs(candidate.key.length - key.length) > limit) continue;
        if (bagDistance(letters, candidate.letters) > limit) continue;
        const distance = boundedDistance(key, candidate.key, limit, scratch);
        if (distance > limit) continue;
        const cs = candidate.key.split(".");
        let shared = 0;
        while (shared < cs.length && shared < segments.length && cs[shared] === segments[shared]) shared++;
        scored.push({ key: candidate.key, distance, shared });
      }
    }
    if (scored.length === 0) return [];
    scored.sort((a, b) => a.distance - b.distance || b.shared - a.shared || a.key.localeCompare(b.key));
    const best = scored[0] as (typeof scored)[number];
    // A one-edit typo has one answer; a wrong last word ("network.size") may have a few.
    const slack = best.distance <= 1 ? 0 : 1;
    return scored
      .filter((s) => s.distance <= best.distance + slack && s.shared >= best.shared)
      .slice(0, 3)
      .map((s) => s.key);
  };
}

/** Counts of each letter class (a–z, 0–9, other), for the bag-distance lower bound of the edit distance. */
function letterCounts(text: string): Uint8Array {
  const counts = new Uint8Array(37);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    const slot = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : 36;
    counts[slot] = Math.min(255, (counts[slot] ?? 0) + 1);
  }
  return counts;
}

/** max(letters only in a, letters only in b): never more than the edit distance. */
function bagDistance(a: Uint8Array, b: Uint8Array): number {
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < 37; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d > 0) onlyA += d;
    else onlyB -= d;
  }
  return Math.max(onlyA, onlyB);
}

/** Levenshtein distance within a diagonal band of width `limit` (limit + 1 when it is larger). */
function boundedDistance(a: string, b: string, limit: number, scratch?: Int32Array[]): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const big = limit + 1;
  let previous = scratch?.[0] && scratch[0].length > b.length ? scratch[0] : new Int32Array(b.length + 1);
  let current = scratch?.[1] && scratch[1].length > b.length ? scratch[1] : new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j <= limit ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current.fill(big);
    current[0] = i <= limit ? i : big;
    let rowMin = current[0] ?? big;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? big) + 1, (current[j - 1] ?? big) + 1, (previous[j - 1] ?? big) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return big;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] ?? big, big);
}
