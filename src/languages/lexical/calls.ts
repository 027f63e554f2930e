/**
 * Matchers of call arguments and command lines (docs/positions.md): an argument of a comparing
 * function, of a model builder, a lookup's key or default, a setter's or a pair call's key, the
 * value after a model-named argument, a default after `??` / `||`, a command-line model option.
 */
import { MODEL_OPTION_BEFORE } from "../../knowledge/naming.js";
import { at, P } from "./positions.js";
import { argIndex, calleeBefore, segment, type Matcher } from "./context.js";
import { enclosingPair } from "./lexer.js";
import {
  DEFAULT_CLOSURES,
  DEFAULT_FUNCS,
  DEFAULT_OPS,
  ENV_GETTERS,
  ENV_WORDS,
  EQUALITY_FUNCS,
  KEY_LOOKUPS,
  KEY_SETTERS,
  LOOKUP_WORDS,
  MODEL_BUILDER,
  PAIR_CALLS,
  WRAPPERS,
} from "./patterns.js";

/** The first argument of a call: `equals("…")`, `.model("…")`, `.unwrap_or("…")`, `Some("…")`, `get("…")`, `insert("…", x)`. */
export const firstArgument: Matcher = (v) => {
  const { cx, b, a, after } = v;
  if (cx.text[b - 1] !== "(") return undefined;
  const callee = calleeBefore(cx, b - 1);
  if (EQUALITY_FUNCS.test(callee.last)) return at(P.comparingArgument, { detail: `argument of ${callee.last}()` });
  if (MODEL_BUILDER.test(callee.last)) return at(P.builderArgument);
  if (DEFAULT_FUNCS.test(callee.last) && ENV_WORDS.test(segment(cx, callee.start))) return at(P.lookupDefault);
  // A wrapper keeps the value: the call is classified in its place.
  if (WRAPPERS.test(callee.last) && cx.text[a] === ")" && callee.start < b - 1) return v.again(callee.start, a + 1);
  if (KEY_LOOKUPS.test(callee.last) && !/^\s*,/.test(after)) return at(P.lookupKey, { detail: `lookup ${callee.last}()` });
  if (KEY_SETTERS.test(callee.last) && /^\s*,/.test(after)) return at(P.setterKey, { detail: `key of ${callee.last}()` });
  return undefined;
};

/** `Map.of("…", 0.27, …)`: an argument at an even index of a call whose arguments alternate key and value. */
export const pairCallKey: Matcher = ({ cx, s, e }) => {
  const pair = enclosingPair(cx.lx, s, e);
  if (!pair || cx.text[pair.open] !== "(") return undefined;
  const callee = calleeBefore(cx, pair.open);
  if (!PAIR_CALLS.test(callee.name.split(".").slice(-2).join(".")) && !PAIR_CALLS.test(callee.last)) return undefined;
  return argIndex(cx, pair.open, s) % 2 === 0 ? at(P.pairCallKey, { detail: `key in ${callee.name}()` }) : undefined;
};

/** A later argument: `strcmp(m, "…")`, `getEnv("X", "…")`, `put("model", "…")`. */
export const laterArgument: Matcher = ({ cx, s, e, b }) => {
  const { text } = cx;
  if (text[b - 1] !== ",") return undefined;
  const prev = cx.stringEndingAt(cx.back(b - 1));
  const pair = enclosingPair(cx.lx, s, e);
  const callee = pair && text[pair.open] === "(" ? calleeBefore(cx, pair.open) : undefined;
  if (callee && EQUALITY_FUNCS.test(callee.last)) return at(P.comparingArgument, { detail: `argument of ${callee.last}()` });
  if (!prev) return undefined;
  const prevIsFirst = !!pair && cx.back(prev.start) === pair.open + 1;
  // getEnv("X", "…"), ENV.fetch("X", "…"); a plain get("k", "…") only on a config or env object.
  const generic = /^(?:get|Get|getString|GetString)$/.test(callee?.last ?? "");
  if (callee && prevIsFirst && ENV_GETTERS.test(callee.last) && (!generic || LOOKUP_WORDS.test(callee.name + " " + cx.content(prev)))) {
    return at(P.getterDefault);
  }
  if (/^[\w.:\-/]*model[\w.:\-/]*$/i.test(cx.content(prev)) && (!pair || text[pair.open] === "(")) return at(P.valueAfterModelName);
  return undefined;
};

/** `os.Getenv("MODEL") ?? "…"`, `env::var("MODEL").unwrap_or_else(|_| "…")`: the default of a lookup. */
export const defaultOperator: Matcher = ({ cx, b, pre }) =>
  (DEFAULT_OPS.test(pre) || DEFAULT_CLOSURES.test(pre)) && ENV_WORDS.test(segment(cx, b)) ? at(P.lookupDefault) : undefined;

/** `--model deepseek-chat`, `-Model "…"` (the table's `flagArgs`). */
export const commandLineOption: Matcher = ({ cx, pre }) => (cx.spec.flagArgs && MODEL_OPTION_BEFORE.test(pre) ? at(P.commandLineOption) : undefined);
