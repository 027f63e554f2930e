/**
 * Shared data types. The data flows one way:
 * walk → prefilter → language adapter finds sites → rules turn sites into findings with fixes
 * (edits) → reporter renders → writer applies.
 *
 * Offsets are indices into the decoded text of a file (a JS string, UTF-16 code units), after the
 * byte-order mark was removed. The writer re-encodes with the file's own encoding, so bytes outside
 * the edits never change.
 */

export type FixClass = "safe" | "unsafe" | "none";
export type ThinkingStatus = "added" | "present" | "manual" | "not-applicable";
/** info: reported, never fails the default gate (`--fail-on info` makes it). */
export type Severity = "info" | "warning" | "error";

/** A JSON value, used for the request-body flags that rules carry as data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Replace text[start, end) with `text`. An insertion has start === end. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One mapping of the ruleset: a legacy model ID, its replacement and the flags a request needs. */
export interface Rule {
  legacyId: string;
  target: string;
  /** Request-body parameters that keep the old behaviour, e.g. {thinking: {type: "enabled"}, reasoning_effort: "high"}. */
  flags: Record<string, JsonValue>;
  /** Overrides the clock-based severity for this ID. */
  severity?: Severity;
  /** A short description for reports (SARIF rule help, Markdown). */
  description?: string;
  /**
   * Provider prefixes that name the ID's own API (docs/contract.md §3): "deepseek" by default, so
   * `deepseek/deepseek-chat` is DeepSeek's and `openrouter/deepseek/deepseek-chat` another host's.
   */
  providers?: string[];
  /** The rule code its findings carry (src/rules/codes.ts): DSM001 by default, DSM002 for a retired alias. */
  code?: string;
  /**
   * Reported, never renamed: a retired alias with the default target (the name still works;
   * `--to latest` renames it).
   */
  reportOnly?: boolean;
  /** When the ID was retired (ISO 8601), from the lineage (src/rules/lineage.ts). */
  retiredAt?: string;
}

export interface Ruleset {
  rules: Rule[];
  byId: Map<string, Rule>;
  /** Byte strings a file must contain to be scanned at all (the prefilter). */
  needles: string[];
}

/**
 * A whole-token occurrence of a legacy ID in a file (docs/contract.md §3), found by the shared
 * matcher before any adapter runs. Every match becomes exactly one finding.
 */
export interface Match {
  /** Start of the match including any provider prefix. */
  start: number;
  /** Start of the legacy ID itself (the rename replaces [idStart, end)). */
  idStart: number;
  end: number;
  legacyId: string;
  /** Provider prefix before the ID, e.g. "deepseek/", "openrouter/deepseek/", or "". */
  prefix: string;
  /** The prefix names a host other than DeepSeek's own API. */
  thirdParty: boolean;
  /** The ID ends a relative path ("./models/deepseek-chat"): a module or a file named after it. */
  path?: boolean;
}

/** Where an adapter found a match (docs/contract.md §4). The rules decide the fix class from this. */
export type PositionKind =
  /** A model position (argument, key, variable, env default, factory argument): safe rename. */
  | "model"
  /** Compared against (==, !=, in, case, switch): none, or unsafe when targets are distinct. */
  | "comparison"
  /** The key of a dict/map/object: none, or unsafe when targets are distinct. */
  | "key"
  /** Inside a recorded response (choices/usage/object: chat.completion): none. */
  | "response"
  /** A member of a list, set, tuple, array, union type, enum. */
  | "collection"
  /** A notebook output: none, never edited. */
  | "output"
  /** Markdown and other docs, notebook Markdown cells: unsafe. */
  | "doc"
  /** A comment or docstring: unsafe. */
  | "comment"
  /** Anything else (JSX attribute, string with other text, unknown position): unsafe. */
  | "other";

/**
 * A named position (docs/positions.md): one place in a file kind's syntax where a legacy ID can sit,
 * e.g. `python/keyword-model` (`create(model="…")`). Each language folder lists its own
 * (src/languages/<folder>/positions.ts); the fix class follows from the position's kind through the
 * policy table (src/rules/policy.ts).
 */
export interface Position {
  /** Stable ID, `<folder>/<name>`: in the JSON report, SARIF properties and the fixture snapshots. */
  id: string;
  kind: PositionKind;
  /** A short label, a group member's role in other members' reports ("dict key", "comparison"). */
  label: string;
  /** One line: what the position is. */
  summary: string;
  /** A short example of source text with the ID in this position. */
  example: string;
  /** Why the position gets its fix class, when it says more than its kind's policy. */
  reason?: string;
}

/** Flags for a recognized request (docs/contract.md §5), computed by the adapter that can see the request. */
export interface FlagFix {
  /** added: `edits` write the flags; present: the request already sets them; manual: not guessable. */
  status: "added" | "present" | "manual";
  edits: Edit[];
}

/** What an adapter says about one match. */
export interface Site {
  /** Match.idStart of the match this site classifies. */
  idStart: number;
  kind: PositionKind;
  /** The named position (a catalog ID, docs/positions.md); its kind is `kind`. */
  position?: string;
  /** For kind "collection": the collection sits under a model-named name or key. */
  modelNamed?: boolean;
  /** For kind "collection": the string members of the collection (to detect duplicates after rename). */
  members?: string[];
  /** Flags for the request this value feeds, when the request is visible. */
  flags?: FlagFix;
  /** Extra advice for this site (shown with the finding). */
  advice?: string;
  /**
   * Short description of the position, e.g. "keyword model=", "comparison"; where a named position's
   * label is more general ("argument of equals()" for a comparing call), it words the finding's role
   * in its rename group instead of the label.
   */
  detail?: string;
  /**
   * Hosts scoped to the construct (docs/hosts-and-sdks.md): the provider that the nearest enclosing
   * construct naming one points at. A host's name: the ID is that host's (never safe); null: DeepSeek's
   * own (another host named elsewhere in the file does not apply); absent: the file decides.
   */
  otherHost?: string | null;
  /**
   * With a scoped host: the construct that names it ("this call", "function `ask`"), whether it names
   * DeepSeek too, or (otherHost null) whether DeepSeek is named there only by a name containing it.
   */
  hostScope?: { construct: string; alsoDeepSeek?: boolean; byName?: boolean };
  /**
   * For a key, a comparison, a case label or a membership list: the edits that add the new ID beside
   * the old one (docs/groups.md), and the span of the table, list, switch or branch chain they touch
   * (where the rules check that the result is unambiguous).
   */
  keepBoth?: KeepBoth;
  /**
   * A model value whose declared type is a type the file imports and cannot follow (`IAConfig` in
   * `const c: Partial<IAConfig> = { model: "…" }`): tied to the literal type members of the same ID
   * in the run, which may be what that type is (docs/groups.md).
   */
  typedElsewhere?: string;
}

export interface KeepBoth {
  edits: Edit[];
  scope: [number, number];
  /** What the edits do: a table entry, a list entry, a case label, a comparison. */
  shape: "entry" | "item" | "label" | "comparison";
}

export interface AdapterInput {
  /** Path relative to the working directory, `/` separators. */
  path: string;
  /** Absolute path, for the project's layout settings (line width: src/languages/shared/line-width.ts). */
  absPath?: string;
  text: string;
  matches: Match[];
  ruleset: Ruleset;
  /**
   * The kind's linter reads this file too (src/lints/index.ts): an adapter that parses the whole
   * text may hand its tree on (AdapterOutput.tree) instead of a partial parse of its own.
   */
  linted?: boolean;
}

/**
 * A finding that is not tied to a model-ID match: a request lint (codes DSM1xx). Linters and
 * adapters return them; the rules turn them into findings like any other (suppression, baseline,
 * cache, reporters and exit codes treat both alike).
 */
export interface Lint {
  code: string;
  /** The span reported (offsets in the decoded text). */
  start: number;
  end: number;
  message: string;
  advice: string;
  /** "none" unless the edits are certain ("safe") or need review ("unsafe"). */
  fix: FixClass;
  edits: Edit[];
  /** Overrides the code's default severity. */
  severity?: Severity;
  /**
   * The whole request the lint is about: a lint of a request whose thinking flags this run's fixes
   * write is left out (after the fix it no longer applies).
   */
  scope?: { start: number; end: number };
}

export interface AdapterOutput {
  sites: Site[];
  /** Request lints found while scanning (see Lint). */
  lints?: Lint[];
  /** Set when the file did not parse: its matches are then classified lexically, never safe. */
  parseError?: string;
  /**
   * The tree of the whole text, parsed without errors, for the kind's linter (LintInput.tree), so
   * a linted file is parsed once. Only from an adapter told `linted`.
   */
  tree?: unknown;
}

/** A language adapter: one per file kind, registered in src/languages/registry.ts. */
export interface Adapter {
  /** Stable name, e.g. "typescript", "python", "yaml", "lexical". */
  name: string;
  /** Human-readable kind for the README table and reports. */
  description: string;
  /**
   * What a match gets when the file does not parse: "unsafe" (the default: reported, fixed only
   * with --unsafe-fixes) or "none" (never edited: a broken notebook, whose outputs cannot be told
   * from its code).
   */
  whenUnparsed?: "unsafe" | "none";
  scan(input: AdapterInput): AdapterOutput | Promise<AdapterOutput>;
}

export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets of the match in the decoded text (not part of the JSON output). */
  start: number;
  end: number;
  /** The rule code (src/rules/codes.ts), e.g. DSM001. */
  code: string;
  /** The legacy ID matched; "" for a request lint. */
  legacyId: string;
  match: string;
  replacement: string;
  fix: FixClass;
  thinking: ThinkingStatus;
  severity: Severity;
  message: string;
  advice: string;
  suppressed: boolean;
  /** The fix: applied together or not at all. Empty when fix is "none". */
  edits: Edit[];
  /** The physical line's text (without line ending), used for baselines. */
  lineText: string;
  /** Listed in the --baseline report: then also `suppressed`, so it does not fail `check`. */
  baselined?: boolean;
  /**
   * Set when this run selected the fix (safe, unsafe with --unsafe-fixes, accepted with -i): true
   * when its edits are in the file's fixed text, false when they could not be (an overlapping
   * fix, a text that does not re-encode). Undefined: not selected (src/core/outcome.ts).
   */
  applied?: boolean;
  /** Where the adapter found the match (for the group phase; not in the JSON report). */
  kind?: PositionKind;
  /** The named position of the match (docs/positions.md), e.g. "python/keyword-model". */
  position?: string;
  /** The adapter's short description of the position, e.g. "dict key" (not in the JSON report). */
  detail?: string;
  /** The provider prefix names another host (not in the JSON report). */
  thirdParty?: boolean;
  /** The ID ends a relative path, never edited (not in the JSON report; see Match.path). */
  path?: boolean;
  /** The match is a whole string literal or a whole value, not a part of a longer text (not in the JSON report). */
  whole?: boolean;
  /** The value's declared type is imported and not followed (Site.typedElsewhere; not in the JSON report). */
  typedElsewhere?: string;
  /** The rename group this finding is fixed with, when it has other members (docs/groups.md). */
  group?: FindingGroup;
}

/** A member of a rename group, as another member reports it. */
export interface GroupMember {
  file: string;
  line: number;
  column: number;
  /** What the member is: "model value", "dict key", "comparison", "expected value", "snapshot", … */
  role: string;
  fix: FixClass;
}

/**
 * The occurrences of one legacy ID that must stay equal (docs/groups.md): fixed all together or not
 * at all, with the class of the weakest member.
 */
export interface FindingGroup {
  /** Stable within a run: the legacy ID and the first member's place, e.g. "deepseek-chat@src/app.py:3". */
  id: string;
  /** The group's class: the weakest member's. */
  fix: FixClass;
  /** How many members the group has (this finding included). */
  size: number;
  /** This finding's role in the group. */
  role: string;
  /** The other members, in path and position order, at most GROUP_RELATED_MAX of them. */
  related: GroupMember[];
}

export type Encoding = "utf8" | "utf8bom" | "utf16le" | "utf16be" | "latin1";

export type FileStatus =
  | "ok"
  | "skipped"
  | "error";

export interface FileResult {
  /** Path relative to the working directory, `/` separators. */
  file: string;
  absPath: string;
  status: FileStatus;
  /** Which adapter scanned it. */
  adapter?: string;
  findings: Finding[];
  /** Parse warnings and other non-fatal notes. */
  warnings: string[];
  /** Set when status is "error" or "skipped". */
  message?: string;
  /** The original bytes as read (kept only for files that have fixes to write; never in a `check`). */
  original?: Buffer;
  encoding?: Encoding;
  /** Decoded text (kept only for files with fixes). */
  text?: string;
  /** Text after the fixes selected for this run (safe, plus unsafe with --unsafe-fixes). */
  fixed?: string;
  /** Unified diff of text → fixed ("" when unchanged). */
  diff?: string;
  /**
   * With --cache, while a run collects them: the [text hash, analysis JSON] cache entry of this
   * file (src/core/cache.ts). The run removes it before it returns.
   */
  analysis?: [string, string];
  /**
   * Set on a clean result the scan settled from the text and the cache's settings alone (no needle;
   * a needle but no legacy ID and nothing to lint; or an analysis that holds and found nothing,
   * whatever codes are selected): with --cache, the file's stat key goes to the cache's clean layer
   * (src/core/cache.ts). Never in a report (clean files are only counted).
   */
  settled?: true;
  /** Module specifiers this file imports (relative paths, Python modules): ties of rename groups. */
  imports?: string[];
  /**
   * Legacy IDs that key a table here under a name built from them (`"deepseek-deepseek-chat": {`):
   * no match, but a configuration value of the ID is looked up there (src/rules/derived-keys.ts).
   */
  derivedKeys?: string[];
  /** Its substring tests of model names, noted by the scan (src/rules/group-substrings.ts). */
  substringTests?: { id: string; part: string; line: number }[];
}

export interface RunError {
  file: string;
  message: string;
}

export interface RunSummary {
  files: number;
  findings: number;
  safe: number;
  unsafe: number;
  none: number;
  suppressed: number;
  /** Of `suppressed`, how many were matched by --baseline (present only with a baseline). */
  baselined?: number;
  /** Unsuppressed findings by severity. */
  bySeverity: Record<Severity, number>;
  /** Unsuppressed findings by rule code, in code order. */
  byCode: Record<string, number>;
  /**
   * Work left: unsuppressed findings whose rename (done by --write, or to be done) still needs the
   * thinking flags set by hand where the request is sent (`thinking: manual`). Requests that do not
   * set thinking explicitly are counted under DSM101 in `byCode`.
   */
  thinkingManual: number;
}
