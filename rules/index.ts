/**
 * The registry: every rule flinklint has, in one explicit list.
 * A test asserts it matches the files in this folder. Grouped by what they check; findings are sorted by position, whatever the order here.
 */
import type { RuleModule } from "../src/types.js";
import configFileIgnored from "./config-file-ignored.js";
import containerCommand from "./container-command.js";
import containerMemoryLimit from "./container-memory-limit.js";
import deprecatedKey from "./deprecated-key.js";
import duplicateKey from "./duplicate-key.js";
import flattenedKeyCollision from "./flattened-key-collision.js";
import flinkImageVersion from "./flink-image-version.js";
import flinkPropertiesComment from "./flink-properties-comment.js";
import flinkPropertiesIgnored from "./flink-properties-ignored.js";
import flinkPropertiesPrefixConflict from "./flink-properties-prefix-conflict.js";
import flinkPropertiesWhitespace from "./flink-properties-whitespace.js";
import helmTemplate from "./helm-template.js";
import legacyBom from "./legacy-bom.js";
import legacyEmptyKeyOrValue from "./legacy-empty-key-or-value.js";
import legacyHashInValue from "./legacy-hash-in-value.js";
import legacyIndentedLine from "./legacy-indented-line.js";
import legacyMissingSeparator from "./legacy-missing-separator.js";
import legacyNestedYaml from "./legacy-nested-yaml.js";
import legacyQuotedValue from "./legacy-quoted-value.js";
import memoryBothTotals from "./memory-both-totals.js";
import memoryComponentsExceedTotal from "./memory-components-exceed-total.js";
import memoryCpuInvalid from "./memory-cpu-invalid.js";
import memoryFractionCapped from "./memory-fraction-capped.js";
import memoryFractionIgnored from "./memory-fraction-ignored.js";
import memoryFractionInvalid from "./memory-fraction-invalid.js";
import memoryFractionOutOfRange from "./memory-fraction-out-of-range.js";
import memoryJobmanagerInconsistent from "./memory-jobmanager-inconsistent.js";
import memoryLegacyHeap from "./memory-legacy-heap.js";
import memoryMetaspaceOverheadExceedProcess from "./memory-metaspace-overhead-exceed-process.js";
import memoryMinAboveMax from "./memory-min-above-max.js";
import memoryNetworkOutOfRange from "./memory-network-out-of-range.js";
import memoryOverheadOutOfRange from "./memory-overhead-out-of-range.js";
import memorySizeInvalid from "./memory-size-invalid.js";
import memoryTotalMissing from "./memory-total-missing.js";
import memoryValueInvalid from "./memory-value-invalid.js";
import metaspaceTooSmall from "./metaspace-too-small.js";
import networkFixedSmall from "./network-fixed-small.js";
import operatorFlinkSizeWithResourceMemory from "./operator-flink-size-with-resource-memory.js";
import operatorFlinkVersionInvalid from "./operator-flink-version-invalid.js";
import operatorForbiddenKey from "./operator-forbidden-key.js";
import operatorJobmanagerReplicasWithoutHa from "./operator-jobmanager-replicas-without-ha.js";
import operatorOverriddenKey from "./operator-overridden-key.js";
import operatorResourceMemoryInvalid from "./operator-resource-memory-invalid.js";
import parse from "./parse.js";
import prefixKeyConflict from "./prefix-key-conflict.js";
import removedKey from "./removed-key.js";
import rocksdbUnmanagedMemory from "./rocksdb-unmanaged-memory.js";
import templatePlaceholder from "./template-placeholder.js";
import unknownKey from "./unknown-key.js";
import valueType from "./value-type.js";

export const rules: readonly RuleModule[] = [
  // How Flink reads the file
  parse,
  configFileIgnored,
  duplicateKey,
  flattenedKeyCollision,
  legacyBom,
  legacyEmptyKeyOrValue,
  legacyHashInValue,
  legacyIndentedLine,
  legacyMissingSeparator,
  legacyNestedYaml,
  legacyQuotedValue,
  // The memory model
  memorySizeInvalid,
  memoryTotalMissing,
  memoryBothTotals,
  memoryMetaspaceOverheadExceedProcess,
  memoryOverheadOutOfRange,
  memoryComponentsExceedTotal,
  memoryNetworkOutOfRange,
  memoryJobmanagerInconsistent,
  memoryMinAboveMax,
  memoryFractionOutOfRange,
  memoryFractionInvalid,
  memoryCpuInvalid,
  memoryValueInvalid,
  memoryFractionCapped,
  memoryFractionIgnored,
  memoryLegacyHeap,
  containerMemoryLimit,
  containerCommand,
  // Options: known, current, typed
  unknownKey,
  removedKey,
  deprecatedKey,
  valueType,
  prefixKeyConflict,
  metaspaceTooSmall,
  rocksdbUnmanagedMemory,
  networkFixedSmall,
  // The Kubernetes operator
  operatorFlinkVersionInvalid,
  operatorForbiddenKey,
  operatorResourceMemoryInvalid,
  operatorOverriddenKey,
  operatorFlinkSizeWithResourceMemory,
  operatorJobmanagerReplicasWithoutHa,
  // Docker and other hosts
  flinkImageVersion,
  flinkPropertiesComment,
  flinkPropertiesIgnored,
  flinkPropertiesWhitespace,
  flinkPropertiesPrefixConflict,
  // Templates not yet rendered
  helmTemplate,
  templatePlaceholder,
];
