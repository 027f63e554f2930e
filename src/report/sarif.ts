import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { isInBaseline } from "../core/baseline.js";
import { severityAt } from "../core/clock.js";
import { CUTOFF, defaultRules } from "../rules/defaults.js";
import { ALIAS_CODE, RETIRED_CODE, RULE_CODES, helpUri, severityText, type RuleCode } from "../rules/codes.js";
import { LineIndex } from "../core/text.js";
import type { Finding, Rule, RunError, Severity } from "../core/types.js";
import { fingerprints } from "./fingerprint.js";
import type { ReportContext } from "./types.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const BUILT_IN = new Set(defaultRules().map((r) => r.legacyId));

/** A relative path as a URI reference: each segment percent-encoded, "/" kept. */
export function fileUri(rel: string): string {
  return rel.split("/").map(encodeURIComponent).join("/");
}

/** SARIF levels: info is a note. */
function level(s: Severity): Sarif.Result.level {
  return s === "info" ? "note" : s;
}

function flagsText(flags: Rule["flags"]): string {
  return Object.keys(flags).length ? JSON.stringify(flags) : "";
}

/** The help of a rule code: what it checks, why, the fix, and for model IDs the ruleset's mappings. */
function codeHelp(c: RuleCode, mappings: Rule[]): { text: string; markdown: string } {
  const text = [c.summary, c.why, c.fixText ? `Fix: ${c.fixText}` : "", ...mappings.map((r) => ruleHelp(r).text)].filter(Boolean).join(" ");
  const markdown = [
    `**${c.code} ${c.name}**: ${c.summary}`,
    c.why,
    c.fixText ? `**Fix:** ${c.fixText}` : "",
    ...mappings.map((r) => ruleHelp(r).markdown),
    `Suppress one line with a comment containing \`deepseek-migrate-ignore[${c.code}]\` on it or on the line above. [Documentation](${helpUri(c)})`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return { text: text.replace(/`/g, ""), markdown };
}

function ruleHelp(r: Rule): { text: string; markdown: string } {
  const flags = flagsText(r.flags);
  const why =
    r.code === ALIAS_CODE
      ? `${r.legacyId} is a retired model whose name is still accepted as an alias of ${r.target}.`
      : BUILT_IN.has(r.legacyId)
        ? `${r.legacyId} was retired at 2026-07-24 15:59 UTC: the DeepSeek API answers a request naming it with 400 invalid_request_error.`
        : `${r.legacyId} is mapped to ${r.target} by the configuration.`;
  const fix =
    `Use ${r.target}` +
    (flags ? ` and send ${flags} in the request body, so the request behaves as before.` : ".") +
    " `deepseek-migrate --write` applies the safe fixes (renames in model positions, flags where the request is visible);" +
    " comparisons, dict keys and recorded responses need a decision (see each result's advice)." +
    " A comment containing deepseek-migrate-ignore on the line or the line above suppresses a finding.";
  return {
    text: `${why} ${fix.replace(/`/g, "")}`,
    markdown:
      `**${r.legacyId}** → **${r.target}**\n\n${why}\n\n${fix}` + (flags ? `\n\n\`\`\`json\n${JSON.stringify(r.flags, null, 2)}\n\`\`\`` : ""),
  };
}

function message(f: Finding): string {
  const parts = [f.message];
  if (f.fix !== "none") parts.push(`Fix class: ${f.fix}.`);
  if (f.thinking !== "not-applicable") parts.push(`Thinking flags: ${f.thinking}.`);
  if (f.advice) parts.push(f.advice);
  return parts.join(" ");
}

/**
 * SARIF 2.1.0: one run, one rule per legacy ID of the ruleset (with help text), one result per
 * finding with its physical location; `fixes` for the fixes the run selects (safe ones, and unsafe
 * ones with --unsafe-fixes); suppressed findings carry `suppressions` (inSource for a comment,
 * external for the baseline).
 */
export function sarifReport(ctx: ReportContext): string {
  const { result } = ctx;
  const opts = result.options;
  const fps = fingerprints(result.findings);
  const scope: ResultScope = {
    texts: new Map(result.files.flatMap((f) => (f.text !== undefined ? [[f.file, new LineIndex(f.text)] as const] : []))),
    unsafeFixes: opts.unsafeFixes,
    withBaseline: result.summary.baselined !== undefined,
  };
  const notifications = runNotifications(result.errors, result.warnings);
  const log: Sarif.Log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "deepseek-migrate",
            version: ctx.version,
            semanticVersion: ctx.version,
            rules: sarifRules(result.ruleset.rules, severityAt(opts.now)),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(opts.cwd).href.replace(/\/?$/, "/") } },
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results: result.findings.map((f, i) => sarifResult(f, fps[i]!, scope)),
        properties: { cutoff: CUTOFF, now: opts.now.toISOString() },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

/** What every result of a run needs besides its finding. */
interface ResultScope {
  /** Each scanned file's lines, to place the fixes' edits. */
  texts: Map<string, LineIndex>;
  unsafeFixes: boolean;
  /** The run compared its findings with a baseline: each result says whether it is new. */
  withBaseline: boolean;
}

/** One SARIF rule per rule code (every code, so ruleIndex is stable across runs). */
function sarifRules(rules: Rule[], clockLevel: Severity): Sarif.ReportingDescriptor[] {
  return RULE_CODES.map((c) => {
    const mappings = rules.filter((r) => (r.code ?? RETIRED_CODE) === c.code);
    return {
      id: c.code,
      name: c.name,
      shortDescription: { text: c.summary.replace(/`/g, "") },
      fullDescription: { text: c.why.replace(/`/g, "") },
      help: codeHelp(c, mappings),
      helpUri: helpUri(c),
      defaultConfiguration: { level: level(c.severity === "clock" ? clockLevel : c.severity) },
      properties: {
        tags: ["deepseek-migrate", c.code.startsWith("DSM0") ? "migration" : "request-lint"],
        severity: severityText(c),
        ...(mappings.length ? { mappings: mappings.map((r) => ({ legacyId: r.legacyId, target: r.target, flags: r.flags })) } : {}),
      },
    };
  });
}

const RULE_INDEX = new Map(RULE_CODES.map((c, i) => [c.code, i]));

function sarifResult(f: Finding, fingerprint: string, scope: ResultScope): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: f.code,
    ...(RULE_INDEX.has(f.code) ? { ruleIndex: RULE_INDEX.get(f.code)! } : {}),
    level: level(f.severity),
    message: { text: message(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(f.file), uriBaseId: "%SRCROOT%" },
          region: {
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
            snippet: { text: f.match },
          },
        },
      },
    ],
    ...(f.group
      ? {
          relatedLocations: f.group.related.map((m, k) => ({
            id: k + 1,
            physicalLocation: { artifactLocation: { uri: fileUri(m.file), uriBaseId: "%SRCROOT%" }, region: { startLine: m.line, startColumn: m.column } },
            message: { text: `${m.role} (${m.fix}), same rename group` },
          })),
        }
      : {}),
    partialFingerprints: { "deepseekMigrate/v1": fingerprint },
    properties: {
      fix: f.fix,
      ...(f.legacyId ? { legacyId: f.legacyId, thinking: f.thinking, replacement: f.replacement } : {}),
      ...(f.position ? { position: f.position } : {}),
      ...(f.advice ? { advice: f.advice } : {}),
      ...(f.group ? { group: { id: f.group.id, fix: f.group.fix, size: f.group.size, role: f.group.role } } : {}),
    },
  };
  const lines = scope.texts.get(f.file);
  const selected = f.fix === "safe" || (f.fix === "unsafe" && scope.unsafeFixes);
  if (selected && f.edits.length > 0 && lines) r.fixes = [sarifFix(f, lines)];
  if (f.suppressed)
    r.suppressions = [
      f.baselined
        ? { kind: "external", justification: "listed in the baseline report" }
        : { kind: "inSource", justification: "deepseek-migrate-ignore comment" },
    ];
  if (scope.withBaseline) r.baselineState = isInBaseline(f) ? "unchanged" : "new";
  return r;
}

/** A finding's fix: what it does, and its edits as replacements of line/column regions. */
function sarifFix(f: Finding, lines: LineIndex): Sarif.Fix {
  const region = (start: number, end: number): Sarif.Region => {
    const a = lines.position(start);
    const b = lines.position(end);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  };
  const kind = f.fix === "safe" ? "Safe fix" : "Unsafe fix (review it)";
  return {
    description: {
      text: f.legacyId
        ? `${kind}: replace ${f.match} with ${f.replacement}${f.thinking === "added" ? " and add the thinking flags" : ""}.`
        : `${kind}: ${f.replacement ? `replace ${f.match} with ${f.replacement}` : `remove ${f.match}`}.`,
    },
    artifactChanges: [
      {
        artifactLocation: { uri: fileUri(f.file), uriBaseId: "%SRCROOT%" },
        replacements: [...f.edits]
          .sort((a, b) => a.start - b.start)
          .map((e) => ({ deletedRegion: region(e.start, e.end), insertedContent: { text: e.text } })),
      },
    ],
  };
}

/** The run's errors (level error) and warnings (level note), each at its file. */
function runNotifications(errors: RunError[], warnings: RunError[]): Sarif.Notification[] {
  const at = (file: string) => [{ physicalLocation: { artifactLocation: { uri: fileUri(file), uriBaseId: "%SRCROOT%" } } }];
  return [
    ...errors.map((e) => ({ level: "error" as const, message: { text: e.message }, locations: at(e.file) })),
    ...warnings.map((w) => ({ level: "note" as const, message: { text: w.message }, locations: at(w.file) })),
  ];
}
