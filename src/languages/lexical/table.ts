/**
 * String and comment syntax of the languages scanned lexically, as data: adding a language is a row
 * here (plus fixtures). Pure data, no parser: language.ts makes a file kind of each row, and the lexer (lexer.ts)
 * and the classifier (classify.ts) read the rows.
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
  /** HCL: `variable "default_model" { default = "…" }` — block labels are key-path segments. */
  blockLabels?: boolean;
  /** kv mode: comment markers at the start of a line. */
  kvComments?: string[];
  /** kv mode: [section] headers are key-path segments (ini). */
  kvSections?: boolean;
  /** kv mode: a blank separates key and value when there is no = or : (.properties). */
  kvBlankSeparator?: boolean;
}

// ── building blocks ──────────────────────────────────────────────────────────────────────────

/** An ordinary quoted string with backslash escapes that ends at the line end. */
const q = (quote: string, extra: Partial<Delim> = {}): Delim => ({
  first: quote,
  open: quote,
  close: quote,
  escape: "\\",
  singleLine: true,
  ...extra,
});
const lineComment = (open: string, extra: Partial<Delim> = {}): Delim => ({ first: open[0]!, open, close: "\n", ...extra });
const blockComment = (open: string, close: string, extra: Partial<Delim> = {}): Delim => ({ first: open[0]!, open, close, ...extra });

const SLASH_COMMENTS: Delim[] = [lineComment("//"), blockComment("/*", "*/")];
const NESTED_SLASH_COMMENTS: Delim[] = [lineComment("//"), blockComment("/*", "*/", { nests: "/*" })];
const HASH_COMMENT = lineComment("#");
/** `# …` only at the start of a word: `$#`, `a#b` and `${#x}` are not comments. */
const SHELL_HASH = lineComment("#", { wordStart: true });

const TRIPLE_DOUBLE: Delim = { first: '"', open: '"""', close: '"""', escape: "\\" };
const TRIPLE_DOUBLE_RAW: Delim = { first: '"', open: '"""', close: '"""' };
const TRIPLE_SINGLE: Delim = { first: "'", open: "'''", close: "'''", escape: "\\" };

/** Shell heredocs: <<EOF, <<-EOF, <<'EOF', <<"EOF" (the body is a string; the rest of the line is code). */
const SHELL_HEREDOC: Delim = {
  first: "<",
  open: /<<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/,
  close: (g) => g[2]!,
  heredoc: true,
};
/** Closing pair for a bracket opener. */
const PAIR: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

// ── the table ────────────────────────────────────────────────────────────────────────────────

export const LANGUAGES: LanguageSpec[] = [
  {
    name: "go",
    description: "Go",
    extensions: [".go"],
    fenceNames: ["go", "golang"],
    mode: "code",
    comments: SLASH_COMMENTS,
    strings: [q('"'), { first: "`", open: "`", close: "`" }, q("'")],
  },
  {
    name: "java",
    description: "Java",
    extensions: [".java"],
    fenceNames: ["java"],
    mode: "code",
    comments: SLASH_COMMENTS,
    strings: [TRIPLE_DOUBLE, q('"'), q("'")],
  },
  {
    name: "kotlin",
    description: "Kotlin",
    extensions: [".kt", ".kts"],
    fenceNames: ["kotlin", "kt", "kts"],
    mode: "code",
    comments: NESTED_SLASH_COMMENTS,
    strings: [TRIPLE_DOUBLE_RAW, q('"'), q("'")],
  },
  {
    name: "scala",
    description: "Scala",
    extensions: [".scala", ".sc", ".sbt"],
    fenceNames: ["scala", "sbt"],
    mode: "code",
    comments: NESTED_SLASH_COMMENTS,
    strings: [TRIPLE_DOUBLE_RAW, q('"'), q("'")],
  },
  {
    name: "groovy",
    description: "Groovy, Gradle, Jenkinsfile",
    extensions: [".groovy", ".gradle", ".gvy"],
    filenames: ["Jenkinsfile"],
    fenceNames: ["groovy", "gradle"],
    mode: "code",
    comments: [...SLASH_COMMENTS, lineComment("#!", { lineStart: true })],
    strings: [TRIPLE_DOUBLE, TRIPLE_SINGLE, q('"'), q("'")],
  },
  {
    name: "csharp",
    description: "C#",
    extensions: [".cs", ".csx"],
    fenceNames: ["csharp", "cs", "c#"],
    mode: "code",
    comments: SLASH_COMMENTS,
    strings: [
      // Raw strings: $"""…""" with three or more quotes, closed by as many.
      { first: '$"', open: /\$*("{3,})/, close: (g) => g[1]! },
      // Verbatim strings: @"…", $@"…", @$"…" — "" is a quote, no backslash escapes.
      { first: "@$", open: /(?:@\$?|\$@)"/, close: '"', doubled: true },
      q('"', { first: '$"', open: /\$?"/ }),
      q("'"),
    ],
  },
  {
    name: "c",
    description: "C, C++, Objective-C",
    extensions: [".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".m", ".mm", ".ino"],
    fenceNames: ["c", "cpp", "c++", "objc", "objective-c"],
    mode: "code",
    comments: SLASH_COMMENTS,
    strings: [
      // C++ raw strings: R"delim(…)delim".
      { first: "uUL8R", open: /(?:u8|[uUL])?R"([^()\\\s]{0,16})\(/, close: (g) => `)${g[1]}"` },
      q('"', { first: '@"uUL8', open: /(?:@|u8|[uUL])?"/ }),
      q("'"),
    ],
  },
  {
    name: "php",
    description: "PHP",
    extensions: [".php", ".phtml", ".php5", ".php7", ".php8"],
    fenceNames: ["php"],
    mode: "code",
    comments: [...SLASH_COMMENTS, { first: "#", open: /#(?!\[)/, close: "\n" }],
    strings: [
      // Heredoc <<<EOT / <<<"EOT" and nowdoc <<<'EOT'.
      { first: "<", open: /<<<[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/, close: (g) => g[2]!, heredoc: true },
      q('"', { singleLine: false }),
      q("'", { singleLine: false }),
    ],
  },
  {
    name: "ruby",
    description: "Ruby",
    extensions: [".rb", ".rake", ".gemspec", ".ru"],
    filenames: ["Gemfile", "Rakefile", "Vagrantfile", "Guardfile", "Podfile", "Fastfile", "Brewfile"],
    fenceNames: ["ruby", "rb"],
    mode: "code",
    symbols: true,
    comments: [HASH_COMMENT, blockComment("=begin", "\n=end", { lineStart: true })],
    strings: [
      // Heredocs: <<~EOS, <<-EOS, <<~'EOS', <<EOS (upper-case tag, so `a << b` stays an operator).
      { first: "<", open: /<<([~-])(['"`]?)([A-Za-z_][A-Za-z0-9_]*)\2/, close: (g) => g[3]!, heredoc: true },
      { first: "<", open: /<<(['"`])([A-Za-z_][A-Za-z0-9_]*)\1/, close: (g) => g[2]!, heredoc: true },
      { first: "<", open: /<<([A-Z_][A-Z0-9_]*)\b/, close: (g) => g[1]!, heredoc: true, notAfter: /[\w)\]]$/ },
      // %w[] %i[]: word lists.
      { first: "%", open: /%[wWiI]([(\[{<])/, close: (g) => PAIR[g[1]!]!, nests: "", words: true, notAfter: /[\w)\]"']$/ },
      // %q() %Q() %() and %q|…|.
      { first: "%", open: /%[qQ]?([(\[{<])/, close: (g) => PAIR[g[1]!]!, nests: "", escape: "\\", notAfter: /[\w)\]"']$/ },
      { first: "%", open: /%[qQ]([^\w\s(\[{<])/, close: (g) => g[1]!, escape: "\\" },
      q('"', { singleLine: false }),
      q("'", { singleLine: false }),
      { first: "`", open: "`", close: "`", escape: "\\" },
    ],
  },
  {
    name: "rust",
    description: "Rust",
    extensions: [".rs"],
    fenceNames: ["rust", "rs"],
    mode: "code",
    comments: NESTED_SLASH_COMMENTS,
    strings: [
      // Raw strings r"…", r#"…"#, br##"…"##.
      { first: "rb", open: /b?r(#*)"/, close: (g) => `"${g[1]}` },
      q('"', { first: 'b"', open: /b?"/, singleLine: false }),
      // Lifetimes ('a) look like char literals; a char literal is one (escaped) character.
      { first: "b'", open: /b?'(?=\\.|[^\\']')/, close: "'", escape: "\\", singleLine: true },
    ],
  },
  {
    name: "swift",
    description: "Swift",
    extensions: [".swift"],
    fenceNames: ["swift"],
    mode: "code",
    comments: NESTED_SLASH_COMMENTS,
    strings: [
      // Raw strings #"…"#, #"""…"""#.
      { first: "#", open: /(#+)("""|")/, close: (g) => `${g[2]}${g[1]}` },
      TRIPLE_DOUBLE,
      q('"'),
    ],
  },
  {
    name: "dart",
    description: "Dart",
    extensions: [".dart"],
    fenceNames: ["dart"],
    mode: "code",
    comments: NESTED_SLASH_COMMENTS,
    strings: [
      { first: "r", open: /r('''|""")/, close: (g) => g[1]! },
      { first: "r", open: /r(['"])/, close: (g) => g[1]!, singleLine: true },
      TRIPLE_DOUBLE,
      TRIPLE_SINGLE,
      q('"'),
      q("'"),
    ],
  },
  {
    name: "elixir",
    description: "Elixir",
    extensions: [".ex", ".exs"],
    fenceNames: ["elixir", "ex", "exs"],
    mode: "code",
    symbols: true,
    bareAssign: /@([A-Za-z_]\w*)$/,
    comments: [HASH_COMMENT],
    strings: [
      TRIPLE_DOUBLE,
      TRIPLE_SINGLE,
      // Sigils: ~w(a b) word lists, ~s(…), ~S"…", ~r/…/.
      { first: "~", open: /~[wW]([(\[{<])/, close: (g) => PAIR[g[1]!]!, nests: "", words: true },
      { first: "~", open: /~[wW]([\/|"'])/, close: (g) => g[1]!, words: true },
      { first: "~", open: /~[a-zA-Z]("""|''')/, close: (g) => g[1]! },
      { first: "~", open: /~[a-zA-Z]([(\[{<])/, close: (g) => PAIR[g[1]!]!, nests: "", escape: "\\" },
      { first: "~", open: /~[a-zA-Z]([\/|"'])/, close: (g) => g[1]!, escape: "\\" },
      q('"', { singleLine: false }),
      q("'", { singleLine: false }),
    ],
  },
  {
    name: "shell",
    description: "Shell (sh, bash, zsh)",
    extensions: [".sh", ".bash", ".zsh", ".ksh", ".command"],
    filenames: [".bashrc", ".bash_profile", ".zshrc", ".zprofile", ".profile", ".envrc"],
    fenceNames: ["sh", "bash", "shell", "zsh", "console", "shell-session", "shellsession", "terminal", "ksh"],
    mode: "code",
    comments: [SHELL_HASH],
    strings: [
      SHELL_HEREDOC,
      // $'…' (ANSI-C quoting) has backslash escapes; '…' has none.
      { first: "$", open: "$'", close: "'", escape: "\\" },
      { first: "'", open: "'", close: "'" },
      { first: '"', open: '"', close: '"', escape: "\\" },
    ],
    bareValues: true,
    flagArgs: true,
    shell: true,
  },
  {
    name: "fish",
    description: "fish shell",
    extensions: [".fish"],
    fenceNames: ["fish"],
    mode: "code",
    comments: [SHELL_HASH],
    strings: [
      { first: "'", open: "'", close: "'", escape: "\\" },
      { first: '"', open: '"', close: '"', escape: "\\" },
    ],
    bareValues: true,
    flagArgs: true,
    shell: true,
  },
  {
    name: "powershell",
    description: "PowerShell",
    extensions: [".ps1", ".psm1", ".psd1"],
    fenceNames: ["powershell", "ps1", "pwsh", "ps"],
    mode: "code",
    comments: [blockComment("<#", "#>"), HASH_COMMENT],
    strings: [
      // Here-strings: @"…"@ and @'…'@, the closer at the start of a line.
      { first: "@", open: /@(["'])[ \t]*(?=\r?\n)/, close: (g) => `${g[1]}@`, closeLineStart: true },
      { first: "'", open: "'", close: "'", doubled: true },
      { first: '"', open: '"', close: '"', escape: "`", doubled: true },
    ],
    bareValues: true,
    flagArgs: true,
    powershell: true,
  },
  {
    name: "batch",
    description: "Windows batch",
    extensions: [".bat", ".cmd"],
    fenceNames: ["bat", "batch", "cmd"],
    mode: "code",
    comments: [
      { first: "rR", open: /rem(?=[\s]|$)/i, close: "\n", lineStart: true },
      { first: "@", open: /@rem(?=[\s]|$)/i, close: "\n", lineStart: true },
      lineComment("::", { lineStart: true }),
    ],
    strings: [q('"', { escape: undefined })],
    bareValues: true,
    flagArgs: true,
  },
  {
    name: "makefile",
    description: "Makefile",
    extensions: [".mk", ".mak"],
    filenames: ["Makefile", "makefile", "GNUmakefile", "Justfile", "justfile"],
    fenceNames: ["make", "makefile", "just"],
    mode: "code",
    comments: [SHELL_HASH],
    strings: [q('"'), { first: "'", open: "'", close: "'", singleLine: true }],
    bareValues: true,
    flagArgs: true,
  },
  {
    name: "sql",
    description: "SQL",
    extensions: [".sql", ".psql", ".pgsql", ".mysql"],
    fenceNames: ["sql", "postgresql", "postgres", "psql", "mysql", "sqlite", "plpgsql"],
    mode: "code",
    comments: [lineComment("--"), blockComment("/*", "*/")],
    strings: [
      // Dollar quoting: $$…$$, $tag$…$tag$.
      { first: "$", open: /\$([A-Za-z_]\w*)?\$/, close: (g) => `$${g[1] ?? ""}$` },
      { first: "'eEnN", open: /[eEnN]?'/, close: "'", doubled: true },
      { first: '"', open: '"', close: '"', doubled: true },
      { first: "`", open: "`", close: "`" },
    ],
    sql: true,
  },
  {
    name: "lua",
    description: "Lua",
    extensions: [".lua"],
    fenceNames: ["lua"],
    mode: "code",
    comments: [{ first: "-", open: /--\[(=*)\[/, close: (g) => `]${g[1]}]` }, lineComment("--")],
    strings: [{ first: "[", open: /\[(=*)\[/, close: (g) => `]${g[1]}]` }, q('"'), q("'")],
  },
  {
    name: "perl",
    description: "Perl",
    extensions: [".pl", ".pm", ".t"],
    fenceNames: ["perl", "pl"],
    mode: "code",
    comments: [SHELL_HASH, blockComment("=pod", "\n=cut", { lineStart: true }), blockComment("=head", "\n=cut", { lineStart: true })],
    strings: [
      { first: "<", open: /<<~?(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/, close: (g) => g[2]!, heredoc: true, notAfter: /[\w)\]]$/ },
      { first: "q", open: /qq?([(\[{<])/, close: (g) => PAIR[g[1]!]!, nests: "", escape: "\\", notAfter: /[\w$@%]$/ },
      q('"', { singleLine: false }),
      q("'", { singleLine: false }),
    ],
  },
  {
    name: "r",
    description: "R",
    extensions: [".r"],
    fenceNames: ["r"],
    mode: "code",
    comments: [HASH_COMMENT],
    strings: [q('"', { singleLine: false }), q("'", { singleLine: false })],
  },
  {
    name: "hcl",
    description: "Terraform / HCL",
    extensions: [".tf", ".tfvars", ".hcl", ".nomad"],
    fenceNames: ["hcl", "terraform", "tf"],
    mode: "code",
    comments: [HASH_COMMENT, ...SLASH_COMMENTS],
    strings: [{ first: "<", open: /<<-?([A-Za-z_][A-Za-z0-9_]*)/, close: (g) => g[1]!, heredoc: true }, q('"')],
    blockLabels: true,
  },
  {
    // JSON5 (unquoted keys, single quotes, comments): jsonc-parser rejects it, so it is read with
    // JavaScript's string and comment syntax; `model: '…'` is a model-named key's value.
    name: "json5",
    description: "JSON5",
    extensions: [".json5"],
    fenceNames: ["json5"],
    mode: "code",
    comments: SLASH_COMMENTS,
    strings: [q('"'), q("'")],
  },
  {
    name: "properties",
    description: "Java .properties (Spring application.properties)",
    extensions: [".properties"],
    fenceNames: ["properties", "props"],
    mode: "kv",
    comments: [],
    strings: [],
    kvComments: ["#", "!"],
    kvBlankSeparator: true,
  },
  {
    name: "ini",
    description: "INI / .cfg / .conf",
    extensions: [".ini", ".cfg", ".conf", ".cnf"],
    filenames: [".npmrc", ".pypirc", ".gitconfig", ".editorconfig"],
    fenceNames: ["ini", "cfg", "conf"],
    mode: "kv",
    comments: [],
    strings: [],
    kvComments: [";", "#"],
    kvSections: true,
  },
];

/**
 * Languages used only inside other files: JavaScript expressions in Vue/Svelte/Astro templates, and
 * the text inside a string or heredoc (a JSON body in a curl command, an env file written by `cat`).
 * Unquoted `key=value` / `key: value` values count only in heredocs and in shell-like languages.
 */
export const EMBEDDED: Record<"javascript" | "embedded" | "quoted", LanguageSpec> = {
  javascript: {
    name: "javascript-expression",
    description: "JavaScript expression",
    extensions: [],
    mode: "code",
    comments: SLASH_COMMENTS,
    strings: [q('"'), q("'"), { first: "`", open: "`", close: "`", escape: "\\" }],
  },
  embedded: {
    name: "embedded",
    description: "text inside a string or heredoc",
    extensions: [],
    mode: "code",
    comments: [SHELL_HASH],
    strings: [q('"'), q("'")],
    bareValues: true,
    flagArgs: true,
  },
  /** Inside an ordinary string of a programming language: only quoted values count (a JSON body). */
  quoted: {
    name: "embedded-quoted",
    description: "JSON or code inside a string",
    extensions: [],
    mode: "code",
    comments: [],
    strings: [q('"'), q("'")],
  },
};

export const LANGUAGES_BY_NAME: Map<string, LanguageSpec> = new Map(LANGUAGES.map((l) => [l.name, l]));
