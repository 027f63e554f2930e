/**
 * The executable's entry (bin/deepseek-migrate.js imports it). `--version` alone answers without
 * loading the CLI (it must stay well under 150 ms); everything else, `--help` included, goes to the
 * CLI, which loads parsers only when a file needs them.
 */
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write((JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version + "\n");
} else {
  await import("./cli.js");
}
