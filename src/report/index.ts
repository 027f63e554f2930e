import type { Format } from "../core/options.js";
import { githubReport } from "./github.js";
import { gitlabReport } from "./gitlab.js";
import { htmlReport } from "./html.js";
import { jsonReport } from "./json.js";
import { markdownReport } from "./markdown.js";
import { prettyReport } from "./pretty.js";
import { sarifReport } from "./sarif.js";
import type { Reporter } from "./types.js";

/** Format name → reporter. A flat map, checked by a test against the CLI's --format choices. */
export const REPORTERS: Partial<Record<Format, Reporter>> = {
  pretty: prettyReport,
  json: jsonReport,
  sarif: sarifReport,
  github: githubReport,
  markdown: markdownReport,
  gitlab: gitlabReport,
  html: htmlReport,
};
