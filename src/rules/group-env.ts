/**
 * Rename-group ties of environment variables (docs/groups.md): a value that a file sets as a
 * variable (an env file's `KEY=value`; a compose entry, a Dockerfile `ENV`, a workflow's `env:`, a
 * shell `export`, a `${KEY:-value}` default) and a code file that reads the variable and holds
 * members of the same ID. Nothing imports the setting file, yet the value reaches that code at run
 * time. The groups' union-find lives in groups.ts; this only says which nodes to join.
 */
import type { FileResult, Finding } from "../core/types.js";
import { importedOnDisk } from "./group-links.js";

/** Env files (`.env`, `.env.*`, `*.env`): values the code reads at run time, never imports. */
const ENV_FILE = /(?:^|\/)\.env(?:\.[^/]*)?$|\.env$/i;
/** The variable an env file's line sets: `KEY=value`, `export KEY=value`, `KEY: value`. */
const ENV_KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]/;
/** Shell scripts: their `export KEY=value` reaches the programs they start. */
const SHELL_FILE = /\.(?:sh|bash|zsh|ksh)$|(?:^|\/)(?:\.envrc|\.profile|\.bashrc|\.zshrc)$/i;

/**
 * The upper-case variable a line of a configuration file, Dockerfile or shell script sets: a compose
 * entry (`- KEY=value`, `KEY: value`), `ENV KEY=value`, `ENV KEY value`, `ARG KEY=value`,
 * `export KEY=value`. A lower-case key (`model: …`) is a setting, not a variable.
 */
const SETS_VAR = /^\s*(?:-\s*)?["']?(?:(?:export|ENV|ARG)\s+)?([A-Z][A-Z0-9_]*)\s*[=:]|^\s*ENV\s+([A-Z][A-Z0-9_]*)\s+\S/;
/** A default of a variable in a placeholder: `${KEY:-value}`, `${KEY-value}`, `${KEY:=value}`. */
const DEFAULT_VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*):?[-=]/g;
/** A Kubernetes-style entry `- name: KEY` / `value: …`: the value's line, and the name's line above it. */
const VALUE_LINE = /^\s*(?:-\s*)?value:\s/;
const NAME_LINE = /^\s*(?:-\s*)?name:\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*$/;

/** The text names one of the variables as code reads it: `"KEY"`/`'KEY'` (getenv, environ), `env.KEY`, `${KEY}`. */
function readsEnvKey(text: string, keys: readonly string[]): boolean {
  return keys.some((k) => new RegExp(String.raw`["'\`]${k}["'\`]|\benv\.${k}\b|\$\{?${k}\b`).test(text));
}

/** The variables a finding's line sets, in a file that is not an env file (see SETS_VAR). */
function setVariables(f: Finding, file: FileResult, textOf: (rel: string) => string | undefined): string[] {
  const out: string[] = [];
  const m = SETS_VAR.exec(f.lineText);
  if (m) out.push(m[1] ?? m[2]!);
  for (const d of f.lineText.matchAll(DEFAULT_VAR)) out.push(d[1]!);
  if (VALUE_LINE.test(f.lineText)) {
    const name = NAME_LINE.exec(lineAbove(textOf(file.file), f.line) ?? "");
    if (name) out.push(name[1]!);
  }
  return out;
}

/** The nearest non-blank line above line `line` (1-based) of a text. */
function lineAbove(text: string | undefined, line: number): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.split("\n", line);
  for (let i = line - 2; i >= 0; i--) if (lines[i]!.trim() !== "") return lines[i];
  return undefined;
}

/**
 * The members of one legacy ID that a file sets as a variable, and a code file that names the
 * variable (`os.getenv("APP_MODEL")`, `os.environ["APP_MODEL"]`, `process.env.APP_MODEL`) and holds
 * members of the same ID: the value reaches that code at run time although nothing imports the
 * setting file, so a branch there on the ID (`if variant == "deepseek-reasoner"`) decides the
 * value's class too (docs/groups.md). The setting files are env files (any key), and configuration
 * files, Dockerfiles and shell scripts (upper-case variables, see SETS_VAR), which tie only to a
 * reader that compares, keys or lists the ID (see decides). Returns [setting file,
 * legacy ID, code file]; the code file is read from disk (`textOf`, see diskTexts).
 */
export function envReaders(
  members: Map<FileResult, Map<string, readonly Finding[]>>,
  isData: (file: FileResult) => boolean,
  textOf: (rel: string) => string | undefined,
  cwd?: string,
): [FileResult, string, FileResult][] {
  const envs: { file: FileResult; id: string; keys: string[]; envFile: boolean }[] = [];
  for (const [file, byId] of members) {
    const envFile = file.adapter === "env" || ENV_FILE.test(file.file);
    if (!envFile && !isData(file) && !SHELL_FILE.test(file.file)) continue;
    for (const [id, list] of byId) {
      const found = envFile ? list.map((f) => ENV_KEY.exec(f.lineText)?.[1]) : list.flatMap((f) => setVariables(f, file, textOf));
      const keys = [...new Set(found.filter((k): k is string => k !== undefined))];
      if (keys.length > 0) envs.push({ file, id, keys, envFile });
    }
  }
  const out: [FileResult, string, FileResult][] = [];
  if (envs.length === 0) return out;
  // Each code file's imports on disk, looked up once for all the env values.
  const imported = new Map<FileResult, string[]>();
  const importsOf = (file: FileResult) => {
    let list = imported.get(file);
    if (!list) imported.set(file, (list = cwd !== undefined && file.imports?.length ? importedOnDisk(file.file, file.imports, cwd, 20) : []));
    return list;
  };
  for (const [file, byId] of members) {
    if (isData(file)) continue;
    for (const env of envs) {
      const held = byId.get(env.id);
      if (!held) continue;
      // Outside env files the value is often a configuration constant already tied to the tables keyed
      // by its ID: it ties to a reader only where the reader branches or looks up on the ID (a
      // comparison, a key, a list entry), not where it merely holds values of it (a default, a request).
      if (!env.envFile && !held.some(decides)) continue;
      const text = textOf(file.file);
      if (text === undefined) break;
      if (readsEnvKey(text, env.keys) || readsThroughImport(importsOf(file), env.keys, textOf)) out.push([env.file, env.id, file]);
    }
  }
  return out;
}

/** A member whose equality to the variable's value decides something: a comparison, a key, a list entry. */
function decides(f: Finding): boolean {
  return f.kind === "comparison" || f.kind === "key" || f.kind === "collection";
}

/**
 * A module the file imports (one step, read from disk) names one of the variables: a settings
 * module reads `LLM_MODEL_NAME` and the file that imports it registers the ID in a library's model
 * table (`ALL_AVAILABLE_MODELS.update({"deepseek-chat": …})`) or keys a dict by it.
 */
function readsThroughImport(modules: readonly string[], keys: readonly string[], textOf: (rel: string) => string | undefined): boolean {
  return modules.some((m) => {
    const text = textOf(m);
    return text !== undefined && readsEnvKey(text, keys);
  });
}
