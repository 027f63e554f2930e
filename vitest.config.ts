import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Both cores: most tests wait on the processes they spawn (the CLI, git, npm, a browser), so two
    // test files at a time finish the suite in about half the time of vitest's default (cores - 1).
    maxWorkers: 2,
    // Tests of a describe.concurrent block (they spawn the CLI and wait on it) share the two cores
    // with the other worker's file: three at a time keeps the disk waits covered without
    // stretching each test far beyond its time alone.
    maxConcurrency: 3,
  },
});
