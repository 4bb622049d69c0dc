/**
 * The registry: every rule flinklint has, in one explicit list.
 * A test asserts it matches the files in this folder.
 */
import type { RuleModule } from "../src/types.js";
// parser rules: begin
// parser rules: end
// memory rules: begin
// memory rules: end

export const rules: readonly RuleModule[] = [
  // parser rules list: begin
  // parser rules list: end
  // memory rules list: begin
  // memory rules list: end
];
