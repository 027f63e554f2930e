/** Settings of the request lints (src/lints/); part of the results cache's key. */
export interface LintOptions {
  /** DSM105: a max_tokens below this on a request that thinks is reported. */
  maxTokensFloor: number;
}

/** DSM105's default floor: below it, reasoning can use up the whole budget. */
export const DEFAULT_MAX_TOKENS_FLOOR = 4096;
