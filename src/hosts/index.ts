/**
 * The host adapters, most specific first: the first that claims a file reads it, and the Flink-file
 * adapter reads whatever no other claims.
 */
import { composeAdapter } from "./compose/adapter.js";
import { flinkFileAdapter } from "./flink-file.js";
import { foreignFileAdapter } from "./foreign.js";
import { flinkResourceAdapter } from "./flink-resource/adapter.js";
import { kubernetesAdapter } from "./kubernetes/adapter.js";
import { scriptAdapter } from "./script/adapter.js";
import { templateAdapter } from "./template/adapter.js";
import type { HostAdapter, HostInput, HostReading } from "./types.js";

export type { HostAdapter, HostInput, HostReading } from "./types.js";

export const HOST_ADAPTERS: readonly HostAdapter[] = [templateAdapter, scriptAdapter, flinkResourceAdapter, kubernetesAdapter, composeAdapter, foreignFileAdapter, flinkFileAdapter];

/** The adapter that reads `input`. */
export function adapterFor(input: HostInput, adapters: readonly HostAdapter[] = HOST_ADAPTERS): HostAdapter {
  return adapters.find((a) => a.claims(input)) ?? flinkFileAdapter;
}

/** Reads a file as its host: the adapter's id and what it found. */
export function readHost(input: HostInput, adapters: readonly HostAdapter[] = HOST_ADAPTERS): HostReading & { adapter: string } {
  const adapter = adapterFor(input, adapters);
  return { adapter: adapter.id, ...adapter.read(input) };
}

/** Whether a file met in a directory walk carries Flink configuration that some adapter reads. */
export function carriesFlinkConfiguration(input: HostInput, adapters: readonly HostAdapter[] = HOST_ADAPTERS): boolean {
  return adapters.some((a) => a.carriesFlinkConfiguration(input));
}
