// Long file: the configuration file's schema, its validation and how each key combines with the
// command line, read together top to bottom.
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "./errors.js";
import { RULE_CODES, ruleCode } from "../rules/codes.js";
import { defaultRules } from "../rules/defaults.js";
import type { MigrationTarget } from "../rules/lineage.js";
import { DEFAULT_MAX_TOKENS_FLOOR } from "../rules/lint-options.js";
import { findMatches } from "../rules/match.js";
import { globTest } from "../walk/globs.js";
import { makeRuleset } from "../rules/ruleset.js";
import type { JsonValue, Rule, Severity } from "./types.js";

/** The configuration file's name, looked for in the working directory and every folder above it. */
export const CONFIG_FILE = "deepseek-migrate.config.json";

/** One entry of `rules`: overrides a built-in rule, or adds a mapping for another ID. */
export interface RuleConfig {
  target?: string;
  flags?: Record<string, JsonValue>;
  severity?: Severity;
  description?: string;
  providers?: string[];
}

/** The configuration file, validated. */
export interface Config {
  /** Absolute path of the file. */
  file: string;
  /** The file was found by walking up (globs are then relative to its folder), not named by --config. */
  found: boolean;
  reasonerTarget?: "flash" | "pro";
  /** legacy ID → rule; `false` drops a built-in rule. */
  rules?: Record<string, RuleConfig | false>;
  include?: string[];
  exclude?: string[];
  /** false: a start path or --include pattern that matches no file is not an error. */
  errorOnUnmatchedPattern?: boolean;
  to?: MigrationTarget;
  select?: string[];
  ignore?: string[];
  failOn?: Severity;
  maxTokensFloor?: number;
}

/** What the command line said; undefined means "not given" (so the config or the default applies). */
export interface CliSettings {
  reasonerTarget?: "flash" | "pro";
  include: string[];
  exclude: string[];
  to?: MigrationTarget;
  select?: string[];
  ignore?: string[];
  failOn?: Severity;
}

export interface Settings {
  reasonerTarget: "flash" | "pro";
  rules: Rule[];
  include: string[];
  exclude: string[];
  /** The migration target (`--to`, config `to`; default v4). */
  to: MigrationTarget;
  /** Rule codes to report (empty: all), as codes (DSM001). */
  select: string[];
  /** Rule codes never reported. */
  ignore: string[];
  /** The lowest severity that fails the run (`--fail-on`, config `failOn`; default error). */
  failOn: Severity;
  /** DSM105's floor for max_tokens on a thinking request. */
  maxTokensFloor: number;
  /** The configuration file used, if any. */
  configFile?: string;
  /** The configuration's `errorOnUnmatchedPattern`, when it sets one. */
  errorOnUnmatchedPattern?: boolean;
}

const TOP_KEYS = ["$schema", "rules", "reasonerTarget", "include", "exclude", "to", "select", "ignore", "failOn", "maxTokensFloor", "errorOnUnmatchedPattern"];


/**
 * Codes or names (`DSM101`, `thinking-not-explicit`, a prefix such as `DSM1`) as codes; throws a
 * usage error naming `where` for an entry that is none of them.
 */
export function resolveCodes(list: string[], where: string): string[] {
  const out: string[] = [];
  for (const raw of list.flatMap((x) => x.split(","))) {
    const key = raw.trim();
    if (!key) continue;
    const exact = ruleCode(key);
    if (exact) {
      out.push(exact.code);
      continue;
    }
    const prefixed = RULE_CODES.filter((r) => r.code.startsWith(key.toUpperCase()));
    if (/^DSM\d{0,2}$/i.test(key) && prefixed.length > 0) {
      out.push(...prefixed.map((r) => r.code));
      continue;
    }
    throw new UsageError(`${where}: unknown rule code "${key}" (run deepseek-migrate rules for the list)`);
  }
  return [...new Set(out)];
}
const RULE_KEYS = ["target", "flags", "severity", "description", "providers"];
const SEVERITIES: Severity[] = ["error", "warning", "info"];

/** The nearest configuration file at or above `cwd`. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function unknownKey(where: string, key: string, allowed: string[]): string {
  const near = allowed.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  return `unknown key "${where}${key}"${near.length ? ` (did you mean "${where}${near[0]}"?)` : ""}; allowed: ${allowed.join(", ")}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/**
 * Validate a parsed configuration object; every problem names the key. Returns the messages (empty
 * when the configuration is valid).
 */
export function validateConfig(raw: unknown): string[] {
  const problems: string[] = [];
  if (!isPlainObject(raw)) return [`the configuration must be a JSON object, not ${typeName(raw)}`];
  for (const key of Object.keys(raw)) if (!TOP_KEYS.includes(key)) problems.push(unknownKey("", key, TOP_KEYS));
  if ("$schema" in raw && typeof raw.$schema !== "string") problems.push(`"$schema" must be a string`);
  if ("to" in raw && raw.to !== "v4" && raw.to !== "latest") problems.push(`"to" must be "v4" or "latest", not ${JSON.stringify(raw.to)}`);
  if ("failOn" in raw && !SEVERITIES.includes(raw.failOn as Severity))
    problems.push(`"failOn" must be "error", "warning" or "info", not ${JSON.stringify(raw.failOn)}`);
  if ("maxTokensFloor" in raw && (typeof raw.maxTokensFloor !== "number" || !Number.isInteger(raw.maxTokensFloor) || raw.maxTokensFloor < 0))
    problems.push(`"maxTokensFloor" must be a whole number of tokens, not ${JSON.stringify(raw.maxTokensFloor)}`);
  for (const key of ["select", "ignore"] as const) {
    if (!(key in raw)) continue;
    const v = raw[key];
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
      problems.push(`"${key}" must be an array of rule codes, e.g. ["DSM101"], not ${typeName(v)}`);
      continue;
    }
    try {
      resolveCodes(v as string[], `"${key}"`);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if ("reasonerTarget" in raw && raw.reasonerTarget !== "flash" && raw.reasonerTarget !== "pro")
    problems.push(`"reasonerTarget" must be "flash" or "pro", not ${JSON.stringify(raw.reasonerTarget)}`);
  if ("errorOnUnmatchedPattern" in raw && typeof raw.errorOnUnmatchedPattern !== "boolean")
    problems.push(`"errorOnUnmatchedPattern" must be true or false, not ${JSON.stringify(raw.errorOnUnmatchedPattern)}`);
  for (const key of ["include", "exclude"] as const) {
    if (!(key in raw)) continue;
    const v = raw[key];
    if (!Array.isArray(v)) problems.push(`"${key}" must be an array of glob strings, not ${typeName(v)}`);
    else
      v.forEach((g, i) => {
        if (typeof g !== "string" || g.trim() === "") problems.push(`"${key}[${i}]" must be a non-empty glob string`);
      });
  }
  if ("rules" in raw) {
    const rules = raw.rules;
    if (!isPlainObject(rules)) problems.push(`"rules" must be an object mapping legacy IDs to rules, not ${typeName(rules)}`);
    else {
      const builtIn = new Set(defaultRules().map((r) => r.legacyId));
      for (const [id, spec] of Object.entries(rules)) {
        const at = `rules.${id}`;
        if (id.trim() === "" || /[\s"'`\\]/.test(id)) {
          problems.push(`"${at}": a legacy ID must be non-empty, without spaces, quotes or backslashes`);
          continue;
        }
        if (spec === false) {
          if (!builtIn.has(id)) problems.push(`"${at}": false only turns off a built-in rule (${[...builtIn].join(", ")})`);
          continue;
        }
        if (!isPlainObject(spec)) {
          problems.push(`"${at}" must be an object ({"target": …, "flags": {…}}) or false, not ${typeName(spec)}`);
          continue;
        }
        for (const k of Object.keys(spec)) if (!RULE_KEYS.includes(k)) problems.push(unknownKey(`${at}.`, k, RULE_KEYS));
        if ("target" in spec) {
          if (typeof spec.target !== "string" || spec.target.trim() === "" || /\s/.test(spec.target))
            problems.push(`"${at}.target" must be a non-empty model ID without spaces`);
          else if (spec.target === id) problems.push(`"${at}.target" is the legacy ID itself`);
        } else if (!builtIn.has(id)) problems.push(`"${at}.target" is required for an ID that is not built in`);
        if ("flags" in spec && !isPlainObject(spec.flags))
          problems.push(`"${at}.flags" must be an object of request-body parameters, e.g. {"thinking": {"type": "disabled"}}`);
        if ("severity" in spec && !SEVERITIES.includes(spec.severity as Severity))
          problems.push(`"${at}.severity" must be "error", "warning" or "info", not ${JSON.stringify(spec.severity)}`);
        if ("description" in spec && typeof spec.description !== "string") problems.push(`"${at}.description" must be a string`);
        if ("providers" in spec && (!Array.isArray(spec.providers) || !spec.providers.every((p: unknown) => typeof p === "string" && /^[A-Za-z0-9_.-]+$/.test(p))))
          problems.push(`"${at}.providers" must be a list of provider names, e.g. ["openai"]`);
      }
    }
  }
  return problems;
}

/**
 * JSON with comments and trailing commas as strict JSON, for JSON.parse: each comment becomes
 * spaces, then each comma whose next token closes an object or array (after a value) becomes a
 * space. Undefined when the text has an unterminated comment or string: the JSONC parser reports
 * it. Whatever else JSON.parse rejects goes to the JSONC parser too, so this only ever reads a text
 * both read, to the same value (test/cli-config.test.ts compares them).
 */
export function jsoncAsJson(body: string): string | undefined {
  const n = body.length;
  // Comments to spaces (a line comment ends at CR or LF, as in the JSONC parser).
  let text = "";
  let from = 0;
  for (let i = 0; i < n; ) {
    const c = body.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(body, i);
      if (i < 0) return undefined;
    } else if (c === 47 /* / */ && (body.charCodeAt(i + 1) === 47 || body.charCodeAt(i + 1) === 42)) {
      let stop: number;
      if (body.charCodeAt(i + 1) === 42) {
        const end = body.indexOf("*/", i + 2);
        if (end < 0) return undefined;
        stop = end + 2;
      } else {
        stop = i + 2;
        while (stop < n && body.charCodeAt(stop) !== 10 && body.charCodeAt(stop) !== 13) stop++;
      }
      text += body.slice(from, i) + " ".repeat(stop - i);
      from = i = stop;
    } else i++;
  }
  text += body.slice(from);
  // Trailing commas to spaces: a comma after a value whose next token is } or ].
  const trailing: number[] = [];
  let comma = -1;
  let afterValue = false;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 44 /* , */) comma = afterValue ? i : -1;
    else if ((c === 125 /* } */ || c === 93) /* ] */ && comma >= 0) trailing.push(comma);
    if (c !== 44) comma = -1;
    afterValue = c === 34 || c === 125 || c === 93 || /[a-z0-9]/i.test(text[i]!);
    i = c === 34 ? stringEnd(text, i) : i + 1;
  }
  let out = "";
  from = 0;
  for (const at of trailing) {
    out += text.slice(from, at) + " ";
    from = at + 1;
  }
  return out + text.slice(from);
}

/** Where the string starting at `at` (a double quote) ends, past its closing quote; -1 when it does not. */
function stringEnd(s: string, at: number): number {
  for (let j = at + 1; j < s.length; j += s.charCodeAt(j) === 92 /* \ */ ? 2 : 1) if (s.charCodeAt(j) === 34) return j + 1;
  return -1;
}

/**
 * A configuration's value: strict JSON as it is (most configurations), else JSON with comments and
 * trailing commas made strict (jsoncAsJson); the JSONC parser loads only for what that does not
 * read, an error to place included (about 10 ms a run).
 */
async function parseConfigText(body: string, shownAs: string): Promise<unknown> {
  // (`__proto__` is a key of its own to JSON.parse, a prototype to the JSONC parser: that one decides.)
  if (!body.includes("__proto__")) {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      /* comments or trailing commas, or invalid */
    }
    const asJson = jsoncAsJson(body);
    if (asJson !== undefined) {
      try {
        return JSON.parse(asJson) as unknown;
      } catch {
        /* invalid: the JSONC parser says where */
      }
    }
  }
  const { parse, printParseErrorCode } = await import("jsonc-parser");
  const errors: import("jsonc-parser").ParseError[] = [];
  const raw: unknown = parse(body, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0]!;
    const before = body.slice(0, e.offset);
    const line = before.split("\n").length;
    const col = e.offset - before.lastIndexOf("\n");
    throw new UsageError(`${shownAs}:${line}:${col}: invalid JSON (${printParseErrorCode(e.error)})`);
  }
  return raw;
}

/** Read, parse (JSON with comments and trailing commas) and validate a configuration file. */
export async function loadConfig(file: string, found: boolean, shownAs: string = file): Promise<Config> {
  let body: string;
  try {
    body = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read the configuration ${shownAs}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  const raw = await parseConfigText(body, shownAs);
  const problems = validateConfig(raw);
  if (problems.length > 0)
    throw new UsageError(`invalid configuration ${shownAs}:\n  ${problems.join("\n  ")}`);
  const obj = raw as Record<string, unknown>;
  return {
    file,
    found,
    reasonerTarget: obj.reasonerTarget as Config["reasonerTarget"],
    rules: obj.rules as Config["rules"],
    include: obj.include as string[] | undefined,
    exclude: obj.exclude as string[] | undefined,
    ...(typeof obj.errorOnUnmatchedPattern === "boolean" ? { errorOnUnmatchedPattern: obj.errorOnUnmatchedPattern } : {}),
    to: obj.to as MigrationTarget | undefined,
    select: obj.select as string[] | undefined,
    ignore: obj.ignore as string[] | undefined,
    failOn: obj.failOn as Severity | undefined,
    maxTokensFloor: obj.maxTokensFloor as number | undefined,
  };
}

/** The ruleset: the built-in rules, then the configuration's overrides and additions. */
export function resolveRules(
  config: Config | undefined,
  reasonerTarget: "flash" | "pro",
  cliReasonerTarget?: "flash" | "pro",
  to: MigrationTarget = "v4",
): Rule[] {
  const rules = new Map<string, Rule>(defaultRules(reasonerTarget, to).map((r) => [r.legacyId, r]));
  for (const [id, spec] of Object.entries(config?.rules ?? {})) {
    if (spec === false) {
      rules.delete(id);
      continue;
    }
    const base = rules.get(id);
    rules.set(id, {
      legacyId: id,
      target: spec.target ?? base!.target,
      flags: spec.flags ?? base?.flags ?? {},
      ...((spec.severity ?? base?.severity) ? { severity: spec.severity ?? base?.severity } : {}),
      ...((spec.description ?? base?.description) ? { description: spec.description ?? base?.description } : {}),
      ...((spec.providers ?? base?.providers) ? { providers: spec.providers ?? base?.providers } : {}),
      ...(base?.code ? { code: base.code } : {}),
      ...(base?.retiredAt ? { retiredAt: base.retiredAt } : {}),
      // A configured target turns a report-only alias into a rename.
      ...(base?.reportOnly && spec.target === undefined ? { reportOnly: true } : {}),
    });
  }
  // The command line wins over the configuration.
  const reasoner = rules.get("deepseek-reasoner");
  if (cliReasonerTarget && reasoner) reasoner.target = defaultRules(cliReasonerTarget, to).find((r) => r.legacyId === "deepseek-reasoner")!.target;
  const list = [...rules.values()];
  // A target that still contains a legacy ID would be renamed again by the next run.
  const ruleset = makeRuleset(list);
  const problems: string[] = [];
  for (const r of list) {
    if (r.reportOnly) continue;
    // A target that is a report-only alias (deepseek-v4-flash with the default target) is never renamed again.
    const again = findMatches(r.target, ruleset).filter((m) => !ruleset.byId.get(m.legacyId)?.reportOnly);
    if (again.length > 0)
      problems.push(`"rules.${r.legacyId}.target" ("${r.target}") contains the legacy ID ${again[0]!.legacyId}: a second run would rename it again`);
  }
  if (problems.length > 0) throw new UsageError(`invalid configuration ${config?.file ?? ""}:\n  ${problems.join("\n  ")}`);
  return list;
}

/**
 * A glob written relative to the configuration's folder, rewritten for the walker, which matches
 * paths relative to the working directory `prefix` levels below it. Returns undefined when the
 * pattern cannot match anything under the working directory.
 */
export function rebaseGlob(pattern: string, prefix: string[], kind: "include" | "exclude"): string | undefined {
  // A leading "/" anchors the glob at the base folder, as in .gitignore.
  const anchored = pattern.startsWith("/");
  const clean = pattern.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
  if (!anchored && !clean.includes("/")) {
    // A name at any depth; a folder above the working directory with that name excludes it all.
    if (kind === "exclude" && prefix.some((seg) => globTest(clean, seg))) return "**";
    return clean;
  }
  if (prefix.length === 0) return clean.includes("/") ? clean : anchorOne(clean);
  let parts = clean.split("/");
  for (const seg of prefix) {
    if (parts[0] === "**") return parts.length === 1 ? "**" : parts.join("/");
    if (!globTest(parts[0]!, seg)) return undefined;
    parts = parts.slice(1);
    // The pattern names the working directory or a folder above it: everything below matches an
    // exclude (folders are pruned), while an include names files only.
    if (parts.length === 0) return kind === "exclude" ? "**" : undefined;
  }
  return parts.length === 1 ? anchorOne(parts[0]!) : parts.join("/");
}

/**
 * A single-segment glob that matches only at the top of the working directory: the walker treats
 * a glob without "/" as a name at any depth, so an alternative that never matches a relative path
 * ("/") is added to make it anchored.
 */
function anchorOne(segment: string): string {
  return `{${segment},/}`;
}

function rebaseAll(globs: string[], config: Config | undefined, cwd: string, kind: "include" | "exclude"): string[] {
  const rel = config?.found ? path.relative(path.dirname(config.file), path.resolve(cwd)) : "";
  const prefix = rel === "" ? [] : rel.split(path.sep);
  const out: string[] = [];
  for (const g of globs) {
    const r = rebaseGlob(g, prefix, kind);
    if (r !== undefined) out.push(r);
  }
  // Every include pattern points outside the working directory: nothing here is included.
  if (kind === "include" && globs.length > 0 && out.length === 0) out.push(anchorOne(".deepseek-migrate-nothing-included"));
  return out;
}

/**
 * The run's settings from the command line and the configuration file (`--config FILE`, else the
 * nearest deepseek-migrate.config.json at or above cwd). The command line wins: --reasoner-target
 * replaces the configuration's, --include replaces its include list, --exclude adds to its excludes.
 */
export async function resolveSettings(cwd: string, cli: CliSettings, configPath?: string): Promise<Settings> {
  let config: Config | undefined;
  if (configPath !== undefined) {
    const abs = path.resolve(cwd, configPath);
    if (!fs.existsSync(abs)) throw new UsageError(`configuration file not found: ${configPath}`);
    config = await loadConfig(abs, false, configPath);
  } else {
    const found = findConfigFile(cwd);
    if (found) config = await loadConfig(found, true, path.relative(cwd, found).split(path.sep).join("/") || CONFIG_FILE);
  }
  const reasonerTarget = cli.reasonerTarget ?? config?.reasonerTarget ?? "flash";
  const to = cli.to ?? config?.to ?? "v4";
  const rules = resolveRules(config, reasonerTarget, cli.reasonerTarget, to);
  const select = cli.select && cli.select.length > 0 ? resolveCodes(cli.select, "--select") : resolveCodes(config?.select ?? [], "select");
  const ignore = [...resolveCodes(config?.ignore ?? [], "ignore"), ...resolveCodes(cli.ignore ?? [], "--ignore")];
  const include =
    cli.include.length > 0 ? rebaseAll(cli.include, undefined, cwd, "include") : rebaseAll(config?.include ?? [], config, cwd, "include");
  const exclude = [...rebaseAll(config?.exclude ?? [], config, cwd, "exclude"), ...rebaseAll(cli.exclude, undefined, cwd, "exclude")];
  return {
    reasonerTarget,
    rules,
    include,
    exclude,
    to,
    select,
    ignore,
    failOn: cli.failOn ?? config?.failOn ?? "error",
    maxTokensFloor: config?.maxTokensFloor ?? DEFAULT_MAX_TOKENS_FLOOR,
    ...(config ? { configFile: config.file } : {}),
    ...(config?.errorOnUnmatchedPattern !== undefined ? { errorOnUnmatchedPattern: config.errorOnUnmatchedPattern } : {}),
  };
}

/**
 * The tool's own files name legacy IDs (the configuration, the --baseline report, the -o report,
 * the --patch file, the results cache), and a run must not report them. Configuration files are
 * left out by name, in every folder (with --config, or in subprojects); the others by their
 * absolute path (RunOptions.ownFiles), so that no start path (`..`, a subfolder) can reach them.
 */
export function ownFileExcludes(): string[] {
  return [CONFIG_FILE];
}
