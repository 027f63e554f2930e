import type { Node } from "web-tree-sitter";
import type { Match, Rule } from "../../core/types.js";
import type { PyFile } from "./file.js";
import type { Placed } from "./positions.js";

/** How many ancestors of a match are looked at. Every Python position needs far fewer. */
export const MAX_UP = 48;

/**
 * What a value matcher sees: a string literal that is exactly the (prefixed) ID, at A[si] among
 * its ancestors A, and the expression A[j] it is the value of (through parentheses, conditional
 * branches and `or` defaults), whose parent `p` decides the position.
 */
export interface ValueContext {
  f: PyFile;
  m: Match;
  rule: Rule;
  /** The literal's quote character, for the edits that write flags or a second ID. */
  quote: string;
  A: Node[];
  si: number;
  j: number;
  node: Node;
  p: Node | undefined;
  /** The value is one of several (a conditional's branch, an `or` operand). */
  conditional: boolean;
  /** The value is the `or` default of an environment lookup. */
  envDefault: boolean;
}

/** One rule of the classifier: the position of the value, or undefined to let the next one decide. */
export type ValueMatcher = (c: ValueContext) => Placed | undefined;
