/**
 * Runs before each test file, in its worker (vitest.config.ts `setupFiles`). Test files share their
 * worker's modules (`isolate: false`), so what must happen once per file is registered here.
 */
import { afterAll } from "vitest";
import { removeTempDirs } from "./helpers/temp.js";

// Registered before the file's own hooks, so it runs after them: a file's cleanup may still use
// its temp folders.
afterAll(removeTempDirs);
