import crypto from "node:crypto";
import { baselineLineText } from "../core/baseline.js";
import type { Finding } from "../core/types.js";

/**
 * A stable fingerprint per finding: a hash of the file, the legacy ID, the line's text and which
 * occurrence of that triple it is in the file (so two identical lines get two fingerprints). Line
 * numbers are left out, so edits above a finding keep its fingerprint (SARIF partialFingerprints,
 * GitLab Code Quality).
 */
export function fingerprints(findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.file}\0${f.legacyId || f.code}\0${baselineLineText(f)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return crypto.createHash("sha256").update(`${key}\0${n}`).digest("hex").slice(0, 32);
  });
}
