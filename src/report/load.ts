import type { Format } from "../core/options.js";
import type { Reporter } from "./types.js";

/**
 * The reporter of one format, loaded on demand: a run loads only the reporter it prints with (the
 * others and what they need cost startup time; src/cli/main.ts). The same functions as REPORTERS
 * (src/report/index.ts; a test compares them).
 */
const LOADERS: Record<Format, () => Promise<Reporter>> = {
  pretty: async () => (await import("./pretty.js")).prettyReport,
  json: async () => (await import("./json.js")).jsonReport,
  sarif: async () => (await import("./sarif.js")).sarifReport,
  github: async () => (await import("./github.js")).githubReport,
  markdown: async () => (await import("./markdown.js")).markdownReport,
  gitlab: async () => (await import("./gitlab.js")).gitlabReport,
  html: async () => (await import("./html.js")).htmlReport,
};

export function loadReporter(format: Format): Promise<Reporter> {
  return LOADERS[format]();
}
