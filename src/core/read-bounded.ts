import fs from "node:fs";
import { CACHE_SIGNATURE, isCacheFile } from "./cache.js";

/** What a bounded read gives: the bytes, or why the file is skipped, or that it is the tool's own cache. */
export interface BoundedRead {
  buf?: Buffer;
  /** The bytes lie in the scratch buffer, reused by the next read: copy them out to keep them. */
  shared?: boolean;
  skip?: string;
  cacheFile?: boolean;
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a FIFO";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "a special file";
}

/**
 * Read a file once, bounded. The walk saw a regular file, but it may have been replaced since:
 * it is opened with O_NOFOLLOW (a link swapped in is never followed) and O_NONBLOCK (a FIFO
 * swapped in never blocks the run), and checked with fstat before it is read.
 */
export function readBounded(abs: string, max: number): BoundedRead {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { skip: "not a regular file (now a symbolic link, not followed); skipped" };
    if (code === "ENXIO") return { skip: "not a regular file (now a socket); skipped" };
    throw e;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { skip: `not a regular file (now ${kindOf(st)}); skipped` };
    if (st.size > max) return { skip: `over the size limit (${st.size} > ${max} bytes); skipped (raise --max-file-size to scan it)` };
    // Most files fit the scratch buffer: no allocation per file (see SCRATCH_SIZE).
    const shared = st.size <= SCRATCH_SIZE;
    // A larger file may be the tool's own results cache (megabytes, all of them read only to be
    // left out): its first bytes tell.
    if (!shared && isCacheFile(head(fd))) return { cacheFile: true };
    const buf = shared ? (scratch ??= Buffer.allocUnsafeSlow(SCRATCH_SIZE)) : Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { buf: off === buf.length ? buf : buf.subarray(0, off), shared };
  } finally {
    fs.closeSync(fd);
  }
}

/** A file's first bytes, as many as a cache file's signature. */
function head(fd: number): Buffer {
  const buf = Buffer.alloc(CACHE_SIGNATURE.length);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  return buf.subarray(0, n);
}

/**
 * The prefilter reads small files into one scratch buffer, reused for every file, so a file without
 * a needle costs no allocation (and no garbage). The bytes of a file that passes the prefilter are
 * copied out before anything else is read (scanFile in scan-file.ts).
 */
const SCRATCH_SIZE = 256 * 1024;
let scratch: Buffer | undefined;
