/** Memoized per-document facts (e.g. the memory derivation) that several rules read. */
import type { FactDefinition, Facts, RuleContext, SeededFact } from "../types.js";
import { extended } from "../util/objects.js";

type FactInput = Omit<RuleContext, "report" | "facts">;
type FactContext = Parameters<FactDefinition<unknown>["compute"]>[0];

/** Declares a fact; its `compute` runs at most once per linted document. */
export function defineFact<T>(name: string, compute: FactDefinition<T>["compute"]): FactDefinition<T> {
  return Object.freeze({ name, compute });
}

/** A fresh cache for one document, holding the facts its host already knows. */
export function createFacts(input: FactInput, seeded: readonly SeededFact[] = []): Facts {
  const cache = new Map<FactDefinition<unknown>, unknown>(seeded.map((s) => [s.fact as FactDefinition<unknown>, s.value]));
  // The context a fact's compute sees, made when the first one is computed (a file may need none).
  let context: FactContext | undefined;
  const facts: Facts = {
    get<T>(fact: FactDefinition<T>): T {
      const known = cache.get(fact);
      if (known !== undefined || cache.has(fact)) return known as T;
      const value = fact.compute((context ??= extended(input, { facts })));
      cache.set(fact, value);
      return value;
    },
  };
  return facts;
}
