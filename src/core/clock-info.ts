import { retirementPhrase, severityAt } from "./clock.js";
import type { Severity } from "./types.js";

/** What the clock decides for a run: computed once, passed to every file (and worker). */
export interface ClockInfo {
  now: string;
  severity: Severity;
  retirement: string;
}

export function clockInfo(now: Date): ClockInfo {
  return { now: now.toISOString(), severity: severityAt(now), retirement: retirementPhrase(now) };
}
