import type { Format } from "../options.js";
import { jsonReport } from "./json.js";
import { prettyReport } from "./pretty.js";
import type { Reporter } from "./types.js";

/** Format name → reporter. A flat map, checked by a test against the CLI's --format choices. */
export const REPORTERS: Partial<Record<Format, Reporter>> = {
  pretty: prettyReport,
  json: jsonReport,
};
