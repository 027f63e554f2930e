/**
 * The scan thread's worker (src/engine/scan-thread.ts): loads the heavy parsers at once, then scans
 * the files of the one job it is sent and posts their results, in order.
 */
import { parentPort } from "node:worker_threads";
import { scanFile, type ScanFileOptions } from "../core/scan-file.js";
import { loadHeavyParsers } from "./preload.js";
import { PARSER_GROUPS } from "../languages/registry.js";

const ready = loadHeavyParsers(new Set(PARSER_GROUPS.map((g) => g[0]!)));

parentPort!.on("message", (job: { opts: ScanFileOptions; abs: string[]; rel: string[] }) => {
  void (async () => {
    await ready;
    const out = [];
    for (let i = 0; i < job.abs.length; i++) out.push(await scanFile(job.abs[i]!, job.rel[i]!, job.opts));
    parentPort!.postMessage(out);
  })();
});
