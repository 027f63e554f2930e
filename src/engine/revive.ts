import type { FileResult } from "../core/types.js";

/** A Buffer arrives from a worker as a plain Uint8Array: make it a Buffer again (no copy). */
export function revive(r: FileResult): FileResult {
  if (r.original && !Buffer.isBuffer(r.original)) {
    const u = r.original as Uint8Array;
    r.original = Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  }
  return r;
}
