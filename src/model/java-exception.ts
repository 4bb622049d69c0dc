/**
 * A Java exception as Flink would throw it: class name, message and cause chain.
 * The derivation mirrors Flink's control flow with these, and turns them into plain results at its
 * boundary (it never lets one escape).
 */
export class JavaException extends Error {
  constructor(
    /** Fully qualified Java class, e.g. `org.apache.flink.configuration.IllegalConfigurationException`. */
    readonly className: string,
    message: string,
    readonly javaCause?: JavaException,
  ) {
    // These model Flink's control flow and become plain results; a JavaScript stack trace would
    // only cost time (thousands of them in a large run).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = "JavaException";
  }

  /** The messages of the cause chain, outermost cause first (the vectors' `causes`). */
  causeMessages(): string[] {
    const messages: string[] = [];
    for (let c = this.javaCause; c !== undefined; c = c.javaCause) messages.push(c.message);
    return messages;
  }
}

export const ILLEGAL_CONFIGURATION = "org.apache.flink.configuration.IllegalConfigurationException";
export const ILLEGAL_ARGUMENT = "java.lang.IllegalArgumentException";
export const NUMBER_FORMAT = "java.lang.NumberFormatException";
export const ARITHMETIC = "java.lang.ArithmeticException";
export const NULL_POINTER = "java.lang.NullPointerException";
