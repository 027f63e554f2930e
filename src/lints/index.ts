import type { LintOptions } from "../rules/lint-options.js";
import type { Lint } from "../core/types.js";
import { hasLinter } from "../languages/registry.js";

/**
 * Request lints (codes DSM1xx, src/rules/codes.ts): checks of the DeepSeek requests a file sends,
 * run on every file of a linted kind that may hold one, whether or not it names a legacy ID (after
 * the migration most do not). A kind's folder names its linter (src/languages/kind.ts), loaded on
 * demand like the adapters.
 */
export interface LintInput {
  path: string;
  text: string;
  options: LintOptions;
  /** The adapter's tree of this text, when it parsed the whole of it without errors (AdapterOutput.tree). */
  tree?: unknown;
}

export type Linter = (input: LintInput) => Lint[] | Promise<Lint[]>;

/**
 * A cheap text test: could this file send a request the linters recognize? (A request call, a
 * request body, or a client constructor; the file already contains "deepseek".)
 */
const REQUEST_HINT = /completions\.|ChatOpenAI|ChatDeepSeek|\bmessages\b|generateText|streamText|generateObject|streamObject/;

export function lintCandidate(adapterName: string, text: string): boolean {
  return hasLinter(adapterName) && REQUEST_HINT.test(text);
}

