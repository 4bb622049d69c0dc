/**
 * The per-run context (`Session` in types.ts): one per CLI batch, per language server, or per lint
 * call that is given none. Modules declare their caches as constants with `defineSessionCache` and
 * keep the entries here, so what a run learns (a release's option lookups, the memory derivation of
 * settings many files share) serves its later files, and nothing outlives the run.
 */
import type { Session, SessionCache } from "../types.js";

export type { Session, SessionCache } from "../types.js";

/** Declares a cache of the run; `limit` bounds its entries (it starts over when full). */
export function defineSessionCache<K, V>(name: string, limit = Number.POSITIVE_INFINITY): SessionCache<K, V> {
  return Object.freeze({ name, limit });
}

/** A run's caches, empty. */
export function createSession(): Session {
  const entriesByCache = new Map<SessionCache<unknown, unknown>, Map<unknown, unknown>>();
  return {
    memo<K, V>(cache: SessionCache<K, V>, key: K, compute: () => V): V {
      let entries = entriesByCache.get(cache as SessionCache<unknown, unknown>);
      if (entries === undefined) entriesByCache.set(cache as SessionCache<unknown, unknown>, (entries = new Map()));
      const known = entries.get(key);
      if (known !== undefined || entries.has(key)) return known as V;
      const value = compute();
      if (entries.size >= cache.limit) entries.clear();
      entries.set(key, value);
      return value;
    },
  };
}
