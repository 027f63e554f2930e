/**
 * Shells and build scripts: unquoted words are values and command-line flags name their
 * argument (sh, fish, PowerShell, batch, Makefile).
 * Rows of the lexical table (table.ts).
 */
import type { LanguageSpec } from "../spec.js";
import { q, lineComment, blockComment, HASH_COMMENT, SHELL_HASH, SHELL_HEREDOC } from "../delims.js";

export const SHELL: LanguageSpec = {
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
};

export const FISH: LanguageSpec = {
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
};

export const POWERSHELL: LanguageSpec = {
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
};

export const BATCH: LanguageSpec = {
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
};

export const MAKEFILE: LanguageSpec = {
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
};
