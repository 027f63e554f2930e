/**
 * Languages with C-like braces and `//` comments: Go, Java, Kotlin, Scala, Groovy, C#, C,
 * PHP, Rust, Swift, Dart.
 * Rows of the lexical table (table.ts).
 */
import type { LanguageSpec } from "../spec.js";
import { q, lineComment, SLASH_COMMENTS, NESTED_SLASH_COMMENTS, TRIPLE_DOUBLE, TRIPLE_DOUBLE_RAW, TRIPLE_SINGLE } from "../delims.js";

export const GO: LanguageSpec = {
  name: "go",
  description: "Go",
  extensions: [".go"],
  fenceNames: ["go", "golang"],
  mode: "code",
  comments: SLASH_COMMENTS,
  strings: [q('"'), { first: "`", open: "`", close: "`" }, q("'")],
};

export const JAVA: LanguageSpec = {
  name: "java",
  description: "Java",
  extensions: [".java"],
  fenceNames: ["java"],
  mode: "code",
  comments: SLASH_COMMENTS,
  strings: [TRIPLE_DOUBLE, q('"'), q("'")],
};

export const KOTLIN: LanguageSpec = {
  name: "kotlin",
  description: "Kotlin",
  extensions: [".kt", ".kts"],
  fenceNames: ["kotlin", "kt", "kts"],
  mode: "code",
  comments: NESTED_SLASH_COMMENTS,
  strings: [TRIPLE_DOUBLE_RAW, q('"'), q("'")],
};

export const SCALA: LanguageSpec = {
  name: "scala",
  description: "Scala",
  extensions: [".scala", ".sc", ".sbt"],
  fenceNames: ["scala", "sbt"],
  mode: "code",
  comments: NESTED_SLASH_COMMENTS,
  strings: [TRIPLE_DOUBLE_RAW, q('"'), q("'")],
};

export const GROOVY: LanguageSpec = {
  name: "groovy",
  description: "Groovy, Gradle, Jenkinsfile",
  extensions: [".groovy", ".gradle", ".gvy"],
  filenames: ["Jenkinsfile"],
  fenceNames: ["groovy", "gradle"],
  mode: "code",
  comments: [...SLASH_COMMENTS, lineComment("#!", { lineStart: true })],
  strings: [TRIPLE_DOUBLE, TRIPLE_SINGLE, q('"'), q("'")],
};

export const CSHARP: LanguageSpec = {
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
};

export const C: LanguageSpec = {
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
};

export const PHP: LanguageSpec = {
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
};

export const RUST: LanguageSpec = {
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
};

export const SWIFT: LanguageSpec = {
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
};

export const DART: LanguageSpec = {
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
};

export const ZIG: LanguageSpec = {
  name: "zig",
  description: "Zig",
  extensions: [".zig", ".zon"],
  fenceNames: ["zig", "zon"],
  mode: "code",
  switchValues: true,
  // `//`, `///` and `//!` only: Zig has no block comments.
  comments: [lineComment("//")],
  strings: [
    // Multiline string literals: each line from `\\` to its end, no escapes.
    { first: "\\", open: "\\\\", close: "\n" },
    q('"'),
    q("'"),
  ],
};
