/** The Flink 2.x releases `flinklint migrate` writes for (its own module: the CLI's argument parser reads it). */
export const MIGRATION_TARGETS = ["2.0", "2.1", "2.2"] as const;
export type MigrationTarget = (typeof MIGRATION_TARGETS)[number];
