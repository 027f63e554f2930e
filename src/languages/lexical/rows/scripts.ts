/**
 * Scripting languages with `#` or `--` comments: Ruby, Elixir, Lua, Perl, R.
 * Rows of the lexical table (table.ts).
 */
import type { LanguageSpec } from "../spec.js";
import { q, lineComment, blockComment, HASH_COMMENT, SHELL_HASH, TRIPLE_DOUBLE, TRIPLE_SINGLE, PAIR } from "../delims.js";

export const RUBY: LanguageSpec = {
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
};

export const ELIXIR: LanguageSpec = {
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
};

export const LUA: LanguageSpec = {
  name: "lua",
  description: "Lua",
  extensions: [".lua"],
  fenceNames: ["lua"],
  mode: "code",
  comments: [{ first: "-", open: /--\[(=*)\[/, close: (g) => `]${g[1]}]` }, lineComment("--")],
  strings: [{ first: "[", open: /\[(=*)\[/, close: (g) => `]${g[1]}]` }, q('"'), q("'")],
};

export const PERL: LanguageSpec = {
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
};

export const R: LanguageSpec = {
  name: "r",
  description: "R",
  extensions: [".r"],
  fenceNames: ["r"],
  mode: "code",
  comments: [HASH_COMMENT],
  strings: [q('"', { singleLine: false }), q("'", { singleLine: false })],
};
