/** What the operator rules share: finding a flinkConfiguration key and describing a spec value. */
import type { ConfigEntry } from "../../types.js";
import type { FlinkResource } from "./resource.js";

/** The entry the operator uses for `key` in `spec.flinkConfiguration` (the last one), if set there. */
export function flinkConfigEntry(resource: FlinkResource, key: string): ConfigEntry | undefined {
  const entries = resource.flinkConfiguration?.entries ?? [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry?.key === key) return entry;
  }
  return undefined;
}

/** Manifest examples for rule docs: a FlinkDeployment with the given spec lines (two-space indented under `spec:`). */
export function exampleManifest(specLines: string): string {
  return (
    "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: example\nspec:\n" +
    "  image: flink:1.20\n  flinkVersion: v1_20\n  serviceAccount: flink\n" +
    specLines
  );
}
