/**
 * The shape of a row of the lexical table (table.ts): the string and comment syntax of a language,
 * and the few options a language needs beyond it.
 */

/** One kind of delimited region: a string or a comment. */
export interface Delim {
  /** Characters the opener can start with (a fast first-character test). */
  first: string;
  /** The opener: a literal, or a RegExp matched at the position (it is made sticky). */
  open: string | RegExp;
  /** The closer: a literal, or built from the opener's match groups (raw strings, heredocs). */
  close: string | ((groups: string[]) => string);
  /** The character that escapes the next one inside ("\\", PowerShell "`"). */
  escape?: string;
  /** A doubled closer stands for itself: 'it''s' (SQL, PowerShell, C# verbatim). */
  doubled?: boolean;
  /** An unclosed region ends at the end of its line (ordinary quotes in most languages). */
  singleLine?: boolean;
  /** Paired delimiters nest: %q(a(b)c), /* /* *\/ *\/ in Rust, Swift, Kotlin, Dart. */
  nests?: string;
  /** The opener counts only at the start of a line (Ruby =begin, batch REM). */
  lineStart?: boolean;
  /** The opener counts only at the start of a word: after whitespace, a line start or ;|&( (shell #). */
  wordStart?: boolean;
  /** The opener does not count after such a character (Ruby % after an identifier is modulo). */
  notAfter?: RegExp;
  /** A heredoc: the body starts on the next line and ends at a line holding only the closer. */
  heredoc?: boolean;
  /** The closer counts only at the start of a line, after optional blanks (PowerShell "@). */
  closeLineStart?: boolean;
  /** Whitespace-separated words (Ruby %w[], Elixir ~w()): each word is a member of a collection. */
  words?: boolean;
}

export interface LanguageSpec {
  /** Adapter name, e.g. "go". */
  name: string;
  /** Human-readable kind for the README and reports. */
  description: string;
  /** Lower-case file extensions with the dot. */
  extensions: string[];
  /** Exact file names. */
  filenames?: string[];
  /** Names of the language in Markdown code fences (```go). */
  fenceNames?: string[];
  /** "code": strings and comments; "kv": key=value lines (.properties, .ini). */
  mode: "code" | "kv";
  comments: Delim[];
  strings: Delim[];
  /** Unquoted values are values (shell words, make variables): MODEL=deepseek-chat. */
  bareValues?: boolean;
  /** Command-line flags name their argument: --model deepseek-chat, -Model "…". */
  flagArgs?: boolean;
  /** Shell: `[ "$m" = "…" ]` (= with blanks around) compares; `word)` in `case … in` is a pattern. */
  shell?: boolean;
  /** SQL: `col = '…'` compares except after SET; `DEFAULT '…'` assigns. */
  sql?: boolean;
  /** PowerShell: `switch ($m) { "…" { } }` arms, -eq/-ne/-like comparisons. */
  powershell?: boolean;
  /** A name before a value without an operator: Elixir module attributes `@model "…"`. */
  bareAssign?: RegExp;
  /** Symbols: `:"deepseek-chat"` (Ruby, Elixir) — the colon belongs to the value. */
  symbols?: boolean;
  /**
   * A value after `=>` in `switch (…) { … }` is the switch's value: it takes the name the switch is
   * assigned to, or the model-named function that returns it (Zig `const model = switch (t) { .fast => "…" }`).
   */
  switchValues?: boolean;
  /** HCL: `variable "default_model" { default = "…" }` — block labels are key-path segments. */
  blockLabels?: boolean;
  /** kv mode: comment markers at the start of a line. */
  kvComments?: string[];
  /** kv mode: [section] headers are key-path segments (ini). */
  kvSections?: boolean;
  /** kv mode: a blank separates key and value when there is no = or : (.properties). */
  kvBlankSeparator?: boolean;
}
