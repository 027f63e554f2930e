/** Building blocks of the rows of the lexical table (rows/): quotes, comments, heredocs. */
import type { Delim } from "./spec.js";

/** An ordinary quoted string with backslash escapes that ends at the line end. */
export const q = (quote: string, extra: Partial<Delim> = {}): Delim => ({
  first: quote,
  open: quote,
  close: quote,
  escape: "\\",
  singleLine: true,
  ...extra,
});
export const lineComment = (open: string, extra: Partial<Delim> = {}): Delim => ({ first: open[0]!, open, close: "\n", ...extra });
export const blockComment = (open: string, close: string, extra: Partial<Delim> = {}): Delim => ({ first: open[0]!, open, close, ...extra });

export const SLASH_COMMENTS: Delim[] = [lineComment("//"), blockComment("/*", "*/")];
export const NESTED_SLASH_COMMENTS: Delim[] = [lineComment("//"), blockComment("/*", "*/", { nests: "/*" })];
export const HASH_COMMENT = lineComment("#");
/** `# …` only at the start of a word: `$#`, `a#b` and `${#x}` are not comments. */
export const SHELL_HASH = lineComment("#", { wordStart: true });

export const TRIPLE_DOUBLE: Delim = { first: '"', open: '"""', close: '"""', escape: "\\" };
export const TRIPLE_DOUBLE_RAW: Delim = { first: '"', open: '"""', close: '"""' };
export const TRIPLE_SINGLE: Delim = { first: "'", open: "'''", close: "'''", escape: "\\" };

/** Shell heredocs: <<EOF, <<-EOF, <<'EOF', <<"EOF" (the body is a string; the rest of the line is code). */
export const SHELL_HEREDOC: Delim = {
  first: "<",
  open: /<<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/,
  close: (g) => g[2]!,
  heredoc: true,
};
/** Closing pair for a bracket opener. */
export const PAIR: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };
