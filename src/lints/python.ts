import type { Lint } from "../types.js";
import type { LintInput } from "./index.js";

export function lintPython(_input: LintInput): Lint[] {
  return [];
}
