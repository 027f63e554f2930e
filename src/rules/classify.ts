import { LineIndex } from "../core/text.js";
import type { Edit, Finding, Lint, Match, Rule, Ruleset, Severity, Site, ThinkingStatus } from "../core/types.js";
import { RETIRED_CODE, ruleCode } from "./codes.js";
import { formatDate } from "./lineage.js";
import { CORE_POSITIONS, decide, type Decision } from "./policy.js";

export interface ClassifyInput {
  path: string;
  text: string;
  matches: Match[];
  sites: Site[];
  ruleset: Ruleset;
  /** The file points a client at another OpenAI-compatible host. */
  otherHost?: string;
  /** Why the file is generated or built output (src/rules/generated.ts): its fixes are never safe. */
  generated?: string;
  /** The file did not parse: lexical findings, never safe. */
  parseError?: string;
  /** The fix class of lexical findings when the file did not parse (default "unsafe"). */
  whenUnparsed?: "unsafe" | "none";
  severity: Severity;
  /** "was retired 127 days ago (…)" */
  retirement: string;
  /** Request lints of the file (src/lints/), turned into findings with the same suppression. */
  lints?: Lint[];
}

const SUPPRESS = "deepseek-migrate-ignore";
const [UNCLASSIFIED, UNPARSED, RETIRED_ALIAS] = CORE_POSITIONS.map((p) => p.id);
const MARKER = /deepseek-migrate-ignore(?:\[([^\]\r\n]*)\])?/g;

/**
 * What the markers on a line suppress: "all" for a bare `deepseek-migrate-ignore`, else the codes
 * listed in `deepseek-migrate-ignore[DSM101, thinking-not-explicit]` (codes or names; an unknown
 * entry is kept as written, so it suppresses nothing).
 */
export function suppressionOf(line: string): "all" | Set<string> | undefined {
  if (!line.includes(SUPPRESS)) return undefined;
  const codes = new Set<string>();
  for (const m of line.matchAll(MARKER)) {
    if (m[1] === undefined) return "all";
    for (const part of m[1].split(",")) {
      const key = part.trim();
      if (key) codes.add(ruleCode(key)?.code ?? key);
    }
  }
  return codes;
}

function flagText(flags: Record<string, unknown>): string {
  return Object.entries(flags)
    .map(([k, v]) => `"${k}": ${JSON.stringify(v)}`)
    .join(", ");
}

/**
 * Turn adapter sites into findings (docs/contract.md §4): the fix class is decided here, where the
 * risk is known: first by the position's kind (the policy table, src/rules/policy.ts), then by what
 * holds for every kind (a file that did not parse, another host, a generated file).
 */
export function classify(input: ClassifyInput): Finding[] {
  const lines = new LineIndex(input.text);
  const byStart = new Map<number, Site>();
  for (const s of input.sites) if (!byStart.has(s.idStart)) byStart.set(s.idStart, s);
  const isSuppressed = suppressions(input, lines, byStart);
  const idFindings = input.matches.map((m): Finding => {
    const rule = input.ruleset.byId.get(m.legacyId)!;
    if (rule.reportOnly) return aliasFinding(input, lines, m, byStart.get(m.idStart), isSuppressed);
    return idFinding(input, lines, m, byStart, isSuppressed);
  });
  if (!input.lints || input.lints.length === 0) return idFindings;
  // A request whose thinking flags this file's fixes write: its lints describe the text before the
  // fix, which --write changes (a second run lints the result).
  const flagEdits = idFindings.filter((f) => f.thinking === "added" && !f.suppressed).flatMap((f) => f.edits.slice(1));
  const lints = input.lints.filter((l) => !l.scope || !flagEdits.some((e) => e.start >= l.scope!.start && e.start <= l.scope!.end));
  const lintFindings = lints.map((l) => lintFinding(input.path, input.text, lines, l, isSuppressed));
  return [...idFindings, ...lintFindings].sort((a, b) => a.start - b.start || a.end - b.end);
}

type IsSuppressed = (line: number, code: string) => boolean;

/**
 * Which lines' findings the `deepseek-migrate-ignore` markers suppress. A marker after code that has
 * its own finding (`model = "deepseek-chat"  # deepseek-migrate-ignore`) is that line's: it does not
 * also suppress the next line. A marker on a comment line, or before the matches of its line,
 * suppresses the line below.
 */
function suppressions(input: ClassifyInput, lines: LineIndex, byStart: Map<number, Site>): IsSuppressed {
  // Checked once per line: a minified file has thousands of matches on one huge line.
  const suppressedLines = new Map<number, "all" | Set<string> | undefined>();
  const markersOf = (l: number) => {
    if (!suppressedLines.has(l)) suppressedLines.set(l, suppressionOf(lines.lineText(l)));
    return suppressedLines.get(l);
  };
  const lineSuppresses = (l: number, code?: string): boolean => {
    const v = markersOf(l);
    if (v === undefined) return false;
    return code === undefined || v === "all" || v.has(code);
  };
  const claimedLines = new Set<number>();
  const claim = (start: number) => {
    const l = lines.lineOf(start);
    if (claimedLines.has(l) || !lineSuppresses(l)) return;
    if (start - lines.lineStart(l) < lines.lineText(l).indexOf(SUPPRESS)) claimedLines.add(l);
  };
  for (const m of input.matches) {
    const site = !input.parseError ? byStart.get(m.idStart) : undefined;
    if (!site || (site.kind !== "comment" && site.kind !== "doc")) claim(m.start);
  }
  for (const lint of input.lints ?? []) claim(lint.start);
  return (lineNo, code) => lineSuppresses(lineNo, code) || (lineNo > 0 && lineSuppresses(lineNo - 1, code) && !claimedLines.has(lineNo - 1));
}

/** The host verdict of a match: the scoped host (docs/hosts-and-sdks.md) or the file's. */
interface HostVerdictOf {
  /** The host a construct around the match names (null: DeepSeek's own; undefined: none decides). */
  scoped: string | null | undefined;
  /** The other host the ID may belong to. */
  host: string | undefined;
  thirdParty: boolean;
}

function hostOf(input: ClassifyInput, site: Site, m: Match): HostVerdictOf {
  // A host scoped to the construct around the match wins over the file's. A `deepseek/` prefix is
  // also how routers spell DeepSeek's models: a name containing "deepseek" is not enough to call
  // such an ID DeepSeek's own.
  const weak = site.otherHost === null && site.hostScope?.byName === true && m.prefix.includes("/");
  const scoped = input.parseError || weak ? undefined : site.otherHost;
  const host = scoped === undefined ? input.otherHost : (scoped ?? undefined);
  return { scoped, host, thirdParty: m.thirdParty || !!host };
}

/** The advice that explains why another host's ID, or a generated file's, is not safe. */
function hostAdvice(site: Site, m: Match, v: HostVerdictOf): string | undefined {
  if (m.thirdParty) return `The prefix "${m.prefix}" names another host; this ID belongs to it: check that host's model list.`;
  if (v.host && v.scoped && site.hostScope?.alsoDeepSeek)
    return `${capitalize(site.hostScope.construct)} names both DeepSeek and ${v.host}: check which host this ID is sent to.`;
  if (v.host && v.scoped) return `${capitalize(site.hostScope?.construct ?? "the code around it")} points at ${v.host}; this ID may belong to that host: check its model list.`;
  if (v.host) return `This file points a client at ${v.host}; this ID may belong to that host: check its model list.`;
  return undefined;
}

/** The class and advice of a match: the policy table's, then what holds for every kind. */
function fixOf(input: ClassifyInput, site: Site, m: Match, rule: Rule, v: HostVerdictOf): Decision {
  const decision = decide({ site, match: m, rule, ruleset: input.ruleset, text: input.text, matches: input.matches, sites: input.sites });
  const advice = decision.advice;
  let fix = decision.fix;
  if (input.parseError && input.whenUnparsed === "none") {
    fix = "none";
    advice.length = 0;
    advice.push("Never edited while the file does not parse (its outputs cannot be told from its code): repair it, then run again.");
  }
  if (input.parseError) advice.unshift(`The file did not parse (${input.parseError}); matched lexically.`);
  if (m.path) {
    // Renaming the string alone breaks what it names (an import, a file or folder read): never edited.
    fix = "none";
    advice.length = 0;
    advice.push("A relative path named after the ID (a module, a file or a folder): the string and what it names change together; left as is.");
  }
  if (v.thirdParty && fix === "safe") fix = "unsafe";
  if (input.generated && fix === "safe") {
    fix = "unsafe";
    advice.unshift(`A generated file (${input.generated}): change the source it is made from and regenerate it; an edit here is lost at the next build.`);
  }
  const why = hostAdvice(site, m, v);
  if (why) advice.unshift(why);
  return { ...decision, fix, advice };
}

/** The edits of a match's fix (the rename and the thinking flags, or keep-both) and its thinking status. */
function editsOf(site: Site, m: Match, rule: Rule, d: Decision, thirdParty: boolean): { edits: Edit[]; thinking: ThinkingStatus } {
  if (d.keepBoth && d.fix === "unsafe") return { edits: [...d.keepBoth], thinking: "not-applicable" };
  if (d.fix === "none") return { edits: [], thinking: "not-applicable" };
  const edits: Edit[] = [{ start: m.idStart, end: m.end, text: rule.target }];
  // No flags to write: an alias renamed with --to latest keeps its behaviour.
  if (Object.keys(rule.flags).length === 0) return { edits, thinking: "not-applicable" };
  let thinking: ThinkingStatus = "not-applicable";
  if (site.flags && !thirdParty) {
    thinking = site.flags.status;
    if (site.flags.status === "added") edits.push(...site.flags.edits);
  } else if (site.kind === "model" || site.kind === "collection" || site.kind === "other") thinking = "manual";
  if (thinking === "manual")
    d.advice.push(
      site.kind === "other"
        ? `Where this value names a request's model, set ${flagText(rule.flags)} on that request, so it behaves as before.`
        : `Set ${flagText(rule.flags)} on the requests that use this value, so they behave as before.`,
    );
  return { edits, thinking };
}

/** The finding of a legacy ID's match. */
function idFinding(input: ClassifyInput, lines: LineIndex, m: Match, byStart: Map<number, Site>, isSuppressed: IsSuppressed): Finding {
  const rule = input.ruleset.byId.get(m.legacyId)!;
  const site: Site = (!input.parseError && byStart.get(m.idStart)) || { idStart: m.idStart, kind: "other" };
  const v = hostOf(input, site, m);
  const d = fixOf(input, site, m, rule, v);
  const { edits, thinking } = editsOf(site, m, rule, d, v.thirdParty);
  const base = idBase(input, lines, m, rule);
  const lineNo = base.line - 1;
  const suppressed = isSuppressed(lineNo, base.code);
  const what =
    base.code === RETIRED_CODE
      ? `${m.legacyId} ${input.retirement}; the API answers 400 invalid_request_error. `
      : `${m.legacyId} is a retired model${rule.retiredAt ? ` (${formatDate(rule.retiredAt)})` : ""} whose name still works as an alias of ${rule.target}. `;
  const recorded = site.kind === "response" || site.kind === "output";
  return {
    ...base,
    fix: d.fix,
    thinking,
    severity: rule.severity ?? input.severity,
    message: what + (d.fix === "none" ? `Not renamed: ${recorded ? "recorded data" : "needs a decision"}.` : `Use ${rule.target}.`),
    advice: [site.advice, ...d.advice].filter(Boolean).join(" "),
    suppressed,
    edits: suppressed ? [] : edits,
    lineText: lines.lineText(lineNo),
    kind: input.parseError ? "other" : site.kind,
    position: input.parseError ? UNPARSED : (site.position ?? (byStart.has(m.idStart) ? undefined : UNCLASSIFIED)),
    ...(site.detail ? { detail: site.detail } : {}),
    // Another host's ID (by its prefix, or by the construct that carries it): not DeepSeek's.
    ...(m.thirdParty || (typeof v.scoped === "string" && !site.hostScope?.alsoDeepSeek) ? { thirdParty: true } : {}),
    ...(m.path ? { path: true } : {}),
    ...(isWholeValue(input.text, m.start, m.end) ? { whole: true } : {}),
    ...(site.typedElsewhere && !input.parseError ? { typedElsewhere: site.typedElsewhere } : {}),
  };
}

/**
 * A retired alias with the default target: reported at its rule's severity (info), never renamed.
 * Its position is the adapter's when it placed it, else core/retired-alias.
 */
function aliasFinding(input: ClassifyInput, lines: LineIndex, m: Match, site: Site | undefined, isSuppressed: IsSuppressed): Finding {
  const rule = input.ruleset.byId.get(m.legacyId)!;
  const base = idBase(input, lines, m, rule);
  const lineNo = base.line - 1;
  return {
    ...base,
    fix: "none",
    thinking: "not-applicable",
    severity: rule.severity ?? "info",
    message:
      `${m.legacyId} is a retired model${rule.retiredAt ? ` (${formatDate(rule.retiredAt)})` : ""} whose name still works: ` +
      `the API serves it as ${rule.target}. Nothing to do now; \`--to latest\` renames it to ${rule.target}.`,
    advice: "",
    suppressed: isSuppressed(lineNo, base.code),
    edits: [],
    lineText: lines.lineText(lineNo),
    position: input.parseError ? UNPARSED : (site?.position ?? RETIRED_ALIAS),
  };
}

/** What every finding of a legacy ID's match says: where, which code, the match and its rename. */
function idBase(input: ClassifyInput, lines: LineIndex, m: Match, rule: Rule) {
  return {
    ...located(input.path, lines, m.start, m.end),
    code: rule.code ?? RETIRED_CODE,
    legacyId: m.legacyId,
    match: input.text.slice(m.start, m.end),
    replacement: m.prefix + rule.target,
  };
}

/** A request lint as a finding: no legacy ID, the span's text as the match. */
function lintFinding(path: string, text: string, lines: LineIndex, l: Lint, isSuppressed: IsSuppressed): Finding {
  const at = located(path, lines, l.start, l.end);
  const lineNo = at.line - 1;
  const def = ruleCode(l.code);
  const severity: Severity = l.severity ?? (def && def.severity !== "clock" ? def.severity : "warning");
  const suppressed = isSuppressed(lineNo, l.code);
  const match = text.slice(l.start, l.end);
  return {
    ...at,
    code: l.code,
    legacyId: "",
    match,
    replacement: l.edits.length > 0 ? applyLocal(text, l.start, l.end, l.edits) : match,
    fix: l.fix,
    thinking: "not-applicable",
    severity,
    message: l.message,
    advice: l.advice,
    suppressed,
    edits: suppressed || l.fix === "none" ? [] : l.edits,
    lineText: lines.lineText(lineNo),
  };
}

/** Where a finding is: its file, 1-based line and column range, and offsets. */
function located(file: string, lines: LineIndex, start: number, end: number): Pick<Finding, "file" | "line" | "column" | "endLine" | "endColumn" | "start" | "end"> {
  const s = lines.position(start);
  const e = lines.position(end);
  return { file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, start, end };
}

/** The reported span after the lint's edits that fall inside it (for `replacement`). */
function applyLocal(text: string, start: number, end: number, edits: Edit[]): string {
  let out = "";
  let at = start;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < start || e.end > end) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at, end);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Whether the match is a whole value rather than a part of a longer text: the whole content of a
 * quoted string (`"deepseek-chat"`, `'…'`, `` `…` ``), or an unquoted value that fills the rest of a
 * `key: value` / `key=value` / `- value` line (YAML, env files, INI).
 */
export function isWholeValue(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before !== undefined && (before === '"' || before === "'" || before === "`") && after === before) return true;
  // Escaped quotes inside another string (`"{\"model\": \"deepseek-chat\"}"`).
  if (before === '"' && text[start - 2] === "\\" && after === "\\" && text[end + 1] === '"') return true;
  // Only a short window around the match is read: a minified line holds thousands of matches.
  const head = text.slice(Math.max(0, start - WINDOW), start);
  const tail = text.slice(end, end + WINDOW);
  const nl = head.lastIndexOf("\n");
  if (nl < 0 && start > WINDOW) return false;
  const tailEnd = tail.indexOf("\n");
  if (tailEnd < 0 && end + WINDOW < text.length) return false;
  return isWholeLineValue(head.slice(nl + 1), tailEnd < 0 ? tail : tail.slice(0, tailEnd));
}

const WINDOW = 160;

function isWholeLineValue(head: string, tail: string): boolean {
  return /^\s*(?:-\s+)?(?:[\w.$-]+\s*[:=]\s*)?$/.test(head) && /^\s*(?:[#;].*|\/\/.*)?\r?$/.test(tail) && /[:=-]\s*$|^\s*$/.test(head);
}
