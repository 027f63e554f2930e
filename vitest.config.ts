import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The run's own temp folder; the run fails if a test leaves anything in it.
    globalSetup: ["test/temp-root.ts"],
    // Test files share their worker's modules (vite's transform of the sources, the compiler, the
    // parsers) instead of loading them again for each test file (75 then): the whole suite took 4 min
    // 18 s of wall where isolated files took 4 min 58 s, back to back on the same machine. What a
    // file needs done once per file goes in the setup file; a test that changes shared state (an
    // environment variable, a hook of a module) puts it back in its own finally or after-hook.
    isolate: false,
    setupFiles: ["test/setup-file.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Both cores: most tests wait on the processes they spawn (the CLI, git, npm, a browser), so two
    // test files at a time finish the suite in about half the time of vitest's default (cores - 1).
    maxWorkers: 2,
    // Tests of a describe.concurrent block (they spawn the CLI and wait on it) run one at a time:
    // the suite is CPU-bound on two cores, and three at a time took 5 min 18 s of wall (10 min 15 s
    // of CPU) where one at a time took 4 min 59 s (9 min 27 s), back to back on the same machine.
    // (Independent runs inside one test still start together.)
    maxConcurrency: 1,
  },
});
