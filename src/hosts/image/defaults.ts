/**
 * The configuration file inside the official Flink image before its entrypoint runs: the default
 * file the Flink distribution ships, with the image's own edits (apache/flink-docker,
 * `Dockerfile-ubuntu.template` / `Dockerfile-debian.template` per `dev-X.Y` branch). Settings only,
 * in file order; Flink's comments are not kept.
 */
import { parseVersion } from "../../model/versions.js";
import type { Dialect } from "../../types.js";

export interface ImageDefaults {
  /** `flink-conf.yaml` (images up to 1.18) or `config.yaml` (1.19 and newer). */
  fileName: "flink-conf.yaml" | "config.yaml";
  dialect: Dialect;
  /** key → value as the image's file has it, in file order. */
  settings: readonly (readonly [string, string])[];
}

/**
 * flink-dist/src/main/resources/flink-conf.yaml of Flink 1.11–1.14: the memory model's two process
 * sizes and the single-machine defaults (the REST addresses are commented out there). The images of
 * these versions edit nothing (dev-1.11 … dev-1.14 templates have no `sed` over the file).
 */
const LEGACY_1_11: readonly (readonly [string, string])[] = [
  ["jobmanager.rpc.address", "localhost"],
  ["jobmanager.rpc.port", "6123"],
  ["jobmanager.memory.process.size", "1600m"],
  ["taskmanager.memory.process.size", "1728m"],
  ["taskmanager.numberOfTaskSlots", "1"],
  ["parallelism.default", "1"],
  ["jobmanager.execution.failover-strategy", "region"],
];

/**
 * Flink 1.15–1.18's flink-conf.yaml (../shared/flink-defaults/1.18-flink-conf.yaml) after the image's
 * edits (dev-1.15 … dev-1.18 `Dockerfile-ubuntu.template`, lines 84–88): `rest.address`,
 * `rest.bind-address`, `jobmanager.bind-host`, `taskmanager.bind-host` go from `localhost` to `0.0.0.0`,
 * and the `taskmanager.host: localhost` line is deleted.
 */
const LEGACY_1_15: readonly (readonly [string, string])[] = [
  ["jobmanager.rpc.address", "localhost"],
  ["jobmanager.rpc.port", "6123"],
  ["jobmanager.bind-host", "0.0.0.0"],
  ["jobmanager.memory.process.size", "1600m"],
  ["taskmanager.bind-host", "0.0.0.0"],
  ["taskmanager.memory.process.size", "1728m"],
  ["taskmanager.numberOfTaskSlots", "1"],
  ["parallelism.default", "1"],
  ["jobmanager.execution.failover-strategy", "region"],
  ["rest.address", "0.0.0.0"],
  ["rest.bind-address", "0.0.0.0"],
];

/** `env.java.opts.all` of Flink's config.yaml: the module flags Java 17 needs. */
const JAVA_17_OPTS = [
  "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
  "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
  "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
  "--add-opens=java.base/java.lang=ALL-UNNAMED",
  "--add-opens=java.base/java.net=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
  "--add-opens=java.base/java.text=ALL-UNNAMED",
  "--add-opens=java.base/java.time=ALL-UNNAMED",
  "--add-opens=java.base/java.util=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
].join(" ");

/**
 * Flink 1.19+'s config.yaml (../shared/flink-defaults/1.20-config.yaml; apache/flink
 * flink-dist/src/main/resources/config.yaml at 0a311c4b has the same settings), flattened, after the
 * image's edits (dev-1.19 … dev-2.2 `Dockerfile-ubuntu.template`: `config-parser-utils.sh` with
 * `-repKV` of the same four addresses to `0.0.0.0` and `-rmKV taskmanager.host=localhost`).
 */
const STANDARD_1_19: readonly (readonly [string, string])[] = [
  ["env.java.opts.all", JAVA_17_OPTS],
  ["jobmanager.bind-host", "0.0.0.0"],
  ["jobmanager.rpc.address", "localhost"],
  ["jobmanager.rpc.port", "6123"],
  ["jobmanager.memory.process.size", "1600m"],
  ["jobmanager.execution.failover-strategy", "region"],
  ["taskmanager.bind-host", "0.0.0.0"],
  ["taskmanager.numberOfTaskSlots", "1"],
  ["taskmanager.memory.process.size", "1728m"],
  ["parallelism.default", "1"],
  ["rest.address", "0.0.0.0"],
  ["rest.bind-address", "0.0.0.0"],
];

/** Whether the image of this version keeps `config.yaml` and applies FLINK_PROPERTIES line by line (1.19+). */
export function usesStandardConfig(version: string): boolean {
  const v = parseVersion(version) ?? [2, 2];
  return v[0] > 1 || v[1] >= 19;
}

/** The configuration file of the official image of a catalogued version, before the entrypoint runs. */
export function imageDefaults(version: string): ImageDefaults {
  if (usesStandardConfig(version)) return { fileName: "config.yaml", dialect: "standard", settings: STANDARD_1_19 };
  const v = parseVersion(version) ?? [1, 18];
  return { fileName: "flink-conf.yaml", dialect: "legacy", settings: v[1] >= 15 ? LEGACY_1_15 : LEGACY_1_11 };
}
