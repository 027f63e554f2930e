import fs from "node:fs";

/**
 * Fault-injection points for the kill and signal tests (test-only; inert unless the environment
 * variable below is set). `DEEPSEEK_MIGRATE_TEST_FAULT=<point>:<n>:<gate>` makes the n-th visit of
 * `<point>` print one line to standard error and then block until `<gate>` (a FIFO) is opened for
 * writing and closed. The test kills or signals the process while it waits, at a known point, so no
 * test depends on timing luck. Points: "before-write" (scan done, nothing written yet),
 * "before-rename" (the n-th temporary file is written and flushed, the original not yet replaced),
 * "after-rename" (the n-th file is replaced).
 */
export const FAULT_ENV = "DEEPSEEK_MIGRATE_TEST_FAULT";

let spec: { point: string; n: number; gate: string } | null | undefined;
const visits = new Map<string, number>();

function parseSpec(): { point: string; n: number; gate: string } | null {
  const raw = process.env[FAULT_ENV];
  if (!raw) return null;
  const m = /^([a-z-]+):(\d+):(.*)$/.exec(raw);
  if (!m) return null;
  return { point: m[1]!, n: Number(m[2]), gate: m[3]! };
}

export function faultPoint(point: string): void {
  if (spec === undefined) spec = parseSpec();
  if (!spec || spec.point !== point) return;
  const n = (visits.get(point) ?? 0) + 1;
  visits.set(point, n);
  if (n !== spec.n) return;
  fs.writeSync(2, `deepseek-migrate: test fault point ${point} ${n} reached\n`);
  if (spec.gate) {
    try {
      fs.readFileSync(spec.gate);
    } catch {
      /* a missing gate does not block */
    }
  }
}
