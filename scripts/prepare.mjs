#!/usr/bin/env node
/**
 * `prepare`: build (dist/ and the vendored grammars) when the repository is installed from source:
 * `npm ci` in a checkout, `npm pack`, and installs from git.
 *
 * A global install from git (`npm install -g github:…`, and pre-commit's node hooks, which run
 * `npm install -g git+file://…`) prepares the clone with the outer `-g` inherited through
 * npm_config_global, so npm installs no devDependencies in it and the build cannot find TypeScript
 * (npm/cli#8440). In that case, install them here first, locally and without scripts, then build.
 * Installs of the published package or of a tarball never run this (they ship dist/).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
function run(args, env = process.env) {
  const r = spawnSync(npm, args, { stdio: "inherit", env, shell: process.platform === "win32" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.env.npm_config_global === "true" && !fs.existsSync("node_modules/typescript")) {
  const env = { ...process.env, npm_config_global: "false" };
  run(["install", "--global=false", "--include=dev", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund"], env);
  run(["run", "build"], env);
} else {
  run(["run", "build"]);
}
