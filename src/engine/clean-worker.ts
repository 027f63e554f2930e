/**
 * The worker thread that checks a cache file's clean layer (src/core/clean-layer.ts): it stats
 * the recorded files of the chunks it claims and posts which lines changed (null: no layer).
 */
import { parentPort, workerData } from "node:worker_threads";
import { checkLayer } from "../core/clean-layer.js";

const { file, cwd, maxFileSize, next } = workerData as { file: string; cwd: string; maxFileSize: number; next: Int32Array };
parentPort!.postMessage(checkLayer(file, cwd, maxFileSize, next) ?? null);
