#!/usr/bin/env node
// `--version` alone answers without loading the CLI (it must stay well under 150 ms); everything
// else, `--help` included, goes to the CLI, which loads parsers only when a file needs them.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const { readFileSync } = await import("node:fs");
  process.stdout.write(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version + "\n");
} else {
  await import("../dist/cli.js");
}
