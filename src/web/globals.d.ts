/**
 * What the core uses of JavaScript engines beyond the DOM and ES2022 types, declared here because
 * the playground typechecks without @types/node (which declares these for Node).
 */
interface ErrorConstructor {
  /**
   * V8's and JavaScriptCore's cap on stack frames (src/model/java-exception.ts sets it to 0 while it
   * builds an exception that needs no stack); elsewhere an ordinary property with no effect.
   */
  stackTraceLimit?: number;
}
