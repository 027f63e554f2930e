/**
 * The executable's entry (bin/deepseek-migrate.js imports it). `--version` alone answers without
 * loading the CLI (it must stay well under 150 ms); everything else, `--help` included, goes to the
 * CLI, which loads parsers only when a file needs them. A check or dry run starts what it will wait
 * for first (ripgrep, the cache's clean-layer check, or git's listings for --changed-since), so
 * that it runs while the CLI loads (src/walk/rg-process.ts).
 */
import { readFileSync } from "node:fs";

// A reader that goes away (`deepseek-migrate --help | head -1`, a closed CI log pipe) is not an
// error of the run: later output is dropped, and the run goes on to its own end and exit code (a
// --write is never cut short by its log). Without a listener Node throws EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write((JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version + "\n");
} else {
  // A check or dry run: ripgrep (or what stands in for it) starts now, while the CLI loads (src/walk/rg-process.ts).
  if (process.env.DEEPSEEK_MIGRATE_EARLY_RG !== "0") (await import("../walk/rg-process.js")).startEarly(args, process.cwd());
  await import("./cli.js");
}
