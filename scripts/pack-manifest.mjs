#!/usr/bin/env node
/**
 * `prepack` / `postpack`: the packed package.json has no `prepare` script.
 *
 * `prepare` builds the project when it is installed from source (a checkout's `npm ci`, installs
 * from git). A tarball ships the build, and npm warns about any install script in a package it
 * installs from a tarball (and would ask to allow it). So `prepack` removes `prepare` from
 * package.json (keeping the original beside it) and `postpack` puts the original back. A pack that
 * failed between the two leaves the backup: the next `prepack` starts from it.
 *
 *   node scripts/pack-manifest.mjs strip | restore
 */
import fs from "node:fs";

const FILE = "package.json";
const BACKUP = "package.json.prepack";

function writeAtomic(file, text) {
  fs.writeFileSync(file + ".tmp", text);
  fs.renameSync(file + ".tmp", file);
}

const mode = process.argv[2];
if (mode === "strip") {
  const original = fs.existsSync(BACKUP) ? fs.readFileSync(BACKUP, "utf8") : fs.readFileSync(FILE, "utf8");
  if (!fs.existsSync("dist/cli/cli.js")) {
    console.error("dist/ is missing: run `npm run build` (or `npm ci`) before packing");
    process.exit(1);
  }
  fs.writeFileSync(BACKUP, original);
  const pkg = JSON.parse(original);
  delete pkg.scripts.prepare;
  writeAtomic(FILE, JSON.stringify(pkg, null, 2) + "\n");
} else if (mode === "restore") {
  if (fs.existsSync(BACKUP)) {
    writeAtomic(FILE, fs.readFileSync(BACKUP, "utf8"));
    fs.rmSync(BACKUP);
  }
} else {
  console.error("usage: node scripts/pack-manifest.mjs strip|restore");
  process.exit(2);
}
