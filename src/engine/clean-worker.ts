/**
 * The worker thread that checks a cache file's clean layer (src/core/clean-layer.ts): it stats
 * the recorded files of the chunks it claims and posts which lines changed (null: no layer). An
 * early check reads the cache file into memory the main thread shares (see earlyCacheBytes).
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkLayer, type SharedBytes } from "../core/clean-layer.js";

const { file, cwd, maxFileSize, next, shared } = workerData as { file: string; cwd: string; maxFileSize: number; next: Int32Array; shared?: SharedBytes };
parentPort!.postMessage(checkLayer(file, cwd, maxFileSize, next, shared) ?? null);
