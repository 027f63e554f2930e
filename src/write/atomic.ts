import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

export class ChangedOnDiskError extends Error {
  override name = "ChangedOnDiskError";
}

/** Temporary files in flight, removed on every exit path (see cleanupTempFiles). */
const inFlight = new Set<string>();

export function cleanupTempFiles(): void {
  for (const t of inFlight) {
    try {
      fs.unlinkSync(t);
    } catch {
      /* already gone */
    }
  }
  inFlight.clear();
}

/**
 * Replace a file atomically (SPEC §7): the new bytes go to a temporary file in the same folder,
 * which is flushed to disk and renamed over the original. The file's mode is kept. When the file's
 * current bytes differ from `expected` (what was scanned), nothing is written.
 */
export function writeFileAtomic(abs: string, data: Buffer, expected: Buffer): void {
  const st = fs.lstatSync(abs);
  if (!st.isFile()) throw new ChangedOnDiskError("no longer a regular file");
  const current = fs.readFileSync(abs);
  if (!current.equals(expected)) throw new ChangedOnDiskError("changed on disk since it was read; skipped");
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.deepseek-migrate-${process.pid}-${crypto.randomBytes(4).toString("hex")}.tmp`);
  inFlight.add(tmp);
  try {
    const fd = fs.openSync(tmp, "wx", st.mode & 0o7777);
    try {
      fs.writeFileSync(fd, data);
      fs.fchmodSync(fd, st.mode & 0o7777);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, abs);
    inFlight.delete(tmp);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* not created */
    }
    inFlight.delete(tmp);
    throw e;
  }
}
