import { LABEL_KEY, MODEL_NAME } from "../../knowledge/naming.js";
import { collectionSite } from "./collections.js";
import type { ValueMatcher } from "./context.js";
import { bodyFlags, manualIfFlags } from "./flags.js";
import { dictKeys, isResponse, keyName, keyPath, same, stringValue } from "./nodes.js";
import * as P from "./positions.js";
import { at } from "./positions.js";

/** Keys and values of mappings: dict entries, subscripts. */

/** A dict entry: its key, a recorded response's value, a value under a model-named key path (a request body's gets flags). */
export const dictEntry: ValueMatcher = ({ f, A, j, node, p, rule, quote, conditional }) => {
  if (p?.type !== "pair") return undefined;
  const key = p.childForFieldName("key");
  const dict = A[j + 2];
  if (same(key, node)) return at(P.DICT_KEY);
  if (!same(p.childForFieldName("value"), node) || dict?.type !== "dictionary") return at(P.OTHER_VALUE);
  if (isResponse(dict)) return at(P.RECORDED_RESPONSE);
  const k = keyName(key);
  const path = [k, ...keyPath(A, j + 2)];
  if (!path.some((s) => MODEL_NAME.test(s))) return at(P.DICT_VALUE);
  // `CURRENT_MODEL = {"id": "…", "display_name": "…"}`: a model's entry, equal to the catalogue's.
  if (!MODEL_NAME.test(k) && [...dictKeys(dict)].some((x) => LABEL_KEY.test(x))) return at(P.MODEL_DESCRIPTOR);
  const site = at(P.MODEL_DICT_VALUE);
  if (k === "model" && dictKeys(dict).has("messages")) site.flags = conditional ? manualIfFlags(rule) : bodyFlags(f, dict, rule, quote);
  return site;
};

/** `PRICES["…"]`: a key; `Literal["…", "…"]` written as a subscript: a Literal member. */
export const subscript: ValueMatcher = ({ f, A, j, node, p }) => {
  if (p?.type !== "subscript") return undefined;
  const value = p.childForFieldName("value");
  if (same(value, node)) return at(P.OTHER_VALUE);
  if (value && /(?:^|\.)Literal$/.test(value.text)) return collectionSite(f, A, j + 1, p.childrenForFieldName("subscript").map(stringValue), P.LITERAL_MEMBER);
  return at(P.SUBSCRIPT_KEY);
};
