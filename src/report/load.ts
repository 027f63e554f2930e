import type { Format } from "../core/options.js";
import type { Reporter } from "./types.js";

/**
 * The reporter of one format, loaded on demand: a run loads only the reporter it prints with (the
 * others and what they need cost startup time; src/cli/main.ts). The same functions as REPORTERS
 * (src/report/index.ts; a test compares them).
 */
export async function loadReporter(format: Format): Promise<Reporter | undefined> {
  switch (format) {
    case "pretty":
      return (await import("./pretty.js")).prettyReport;
    case "json":
      return (await import("./json.js")).jsonReport;
    case "sarif":
      return (await import("./sarif.js")).sarifReport;
    case "github":
      return (await import("./github.js")).githubReport;
    case "markdown":
      return (await import("./markdown.js")).markdownReport;
    case "gitlab":
      return (await import("./gitlab.js")).gitlabReport;
    case "html":
      return (await import("./html.js")).htmlReport;
    default:
      return undefined;
  }
}
