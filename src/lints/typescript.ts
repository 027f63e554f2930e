import type { Lint } from "../types.js";
import type { LintInput } from "./index.js";

export function lintTypeScript(_input: LintInput): Lint[] {
  return [];
}
