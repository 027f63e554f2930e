import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { faultPoint } from "./fault.js";

export class ChangedOnDiskError extends Error {
  override name = "ChangedOnDiskError";
}

/**
 * Temporary files are named `.<name>.deepseek-migrate-<pid>-<8 hex>.tmp`, next to the file they
 * replace. Only a SIGKILL (or a power loss) between writing one and renaming it can leave one
 * behind; the original file is then intact. The next run recognises such leftovers by this name: it
 * never scans them, and `--write` removes them when the process that made them is gone.
 */
export const TEMP_FILE_RE = /^\..+\.deepseek-migrate-(\d+)-[0-9a-f]{8}\.tmp$/;

export function isTempFileName(file: string): boolean {
  // (Called for every walked file: most are told apart by their end, without path.basename.)
  return file.endsWith(".tmp") && TEMP_FILE_RE.test(path.basename(file));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Remove a temporary file left by an interrupted run. Returns false (and leaves it) when it is not
 * a regular file of ours or the process that made it is still running.
 */
export function removeLeftoverTempFile(abs: string): boolean {
  const m = TEMP_FILE_RE.exec(path.basename(abs));
  if (!m) return false;
  if (processAlive(Number(m[1]))) return false;
  try {
    if (!fs.lstatSync(abs).isFile()) return false;
    fs.unlinkSync(abs);
    return true;
  } catch {
    return false;
  }
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

/** Temporary files this process has created and not yet renamed or removed (for tests). */
export function tempFilesInFlight(): string[] {
  return [...inFlight];
}

function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs && b.isFile();
}

/** Folders with renames not yet flushed (see flushRenames). */
const renamedIn = new Set<string>();

/**
 * Make the renames durable: flush each folder that got one, once (best effort; some file systems
 * refuse). Without it a power loss could bring back the old file, which is intact either way.
 */
export function flushRenames(): void {
  for (const dir of renamedIn) fsyncDir(dir);
  renamedIn.clear();
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface WriteInfo {
  /** Hard links the file had: the other names keep the old content after the rename. */
  links: number;
}

/**
 * Replace a file atomically (docs/contract.md §7): the new bytes go to a temporary file in the same
 * folder, which is flushed to disk and renamed over the original, so a reader (or a crash) sees
 * either the old or the new file, never a mix. The file's mode, and its owner when the process may
 * set it, are kept. When the file's current bytes differ from `expected` (what was scanned), or the
 * file is no longer a regular file, or it changes while the temporary file is written, nothing is
 * replaced (ChangedOnDiskError). The path is never followed through a symbolic link: a link put in
 * its place is an error, and the rename replaces the directory entry itself.
 */
export function writeFileAtomic(abs: string, data: Buffer, expected: Buffer): WriteInfo {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new ChangedOnDiskError("deleted since it was read; nothing written");
    throw e;
  }
  if (!st.isFile()) throw new ChangedOnDiskError("no longer a regular file; nothing written");
  if (st.size !== expected.length || !fs.readFileSync(abs).equals(expected))
    throw new ChangedOnDiskError("changed on disk since it was read; skipped, nothing written");

  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.deepseek-migrate-${process.pid}-${crypto.randomBytes(4).toString("hex")}.tmp`);
  const mode = st.mode & 0o7777;
  inFlight.add(tmp);
  try {
    const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
    try {
      fs.writeFileSync(fd, data);
      if (process.getuid && (st.uid !== process.getuid() || st.gid !== process.getgid!())) {
        try {
          fs.fchownSync(fd, st.uid, st.gid);
        } catch {
          /* not permitted: the new file belongs to the user running the tool */
        }
      }
      // After chown, which clears set-user-ID and set-group-ID bits.
      fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    faultPoint("before-rename");
    // The window between the content check and the rename is as short as it can be: nothing is
    // replaced when the file changed (or was swapped for another) while the temporary file was written.
    let now: fs.Stats | undefined;
    try {
      now = fs.lstatSync(abs);
    } catch {
      /* deleted meanwhile */
    }
    if (!now || !sameFile(st, now)) throw new ChangedOnDiskError("changed on disk while it was being written; skipped, nothing written");
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
  renamedIn.add(dir);
  faultPoint("after-rename");
  return { links: st.nlink };
}
