import type { Node } from "web-tree-sitter";
import { MODEL_NAME, MODEL_OPTION } from "../../knowledge/naming.js";
import { isMembershipOperand, membershipTest, unwrapUp } from "./comparisons.js";
import type { ValueContext, ValueMatcher } from "./context.js";
import type { PyFile } from "./file.js";
import { elements, keyPath, same, stringValue } from "./nodes.js";
import * as P from "./positions.js";
import { at, type Placed } from "./positions.js";
import { OPTION_ITEM } from "./tables.js";

/** Members of collections: lists, tuples, sets, `Literal[…]` types, enums, command lines. */

/**
 * The position of a member of the collection at A[k] (`values`: the members' string values):
 * compared when a membership test looks in it, inline or by the name it is bound to; else a
 * collection member in `position`, model-named when a name on its path names a model.
 */
export function collectionSite(f: PyFile, A: Node[], k: number, values: (string | undefined)[], position: string): Placed {
  // `model in ("deepseek-chat", …)`, `model.startswith(("deepseek-reasoner", "o1"))`: compared inline.
  const owner = unwrapUp(A[k]!);
  if (owner.parent?.type === "comparison_operator" || isMembershipOperand(owner)) return at(P.MEMBERSHIP_TEST);
  // `REASONING_MODELS = [...]` … `model in REASONING_MODELS`: the members are compared too.
  const bound = owner.parent?.type === "assignment" && same(owner.parent.childForFieldName("right"), owner) ? owner.parent.childForFieldName("left") : null;
  const name = bound?.type === "identifier" ? bound.text : bound?.type === "attribute" ? (bound.childForFieldName("attribute")?.text ?? "") : "";
  const test = name ? membershipTest(f, name, bound!) : undefined;
  if (test) return at(P.MEMBERSHIP_COLLECTION, { advice: `${name} is used in a membership test (line ${test.startPosition.row + 1}).` });
  const path = keyPath(A, k);
  const members = values.filter((v): v is string => v !== undefined);
  return at(position, { members, modelNamed: path.some((s) => MODEL_NAME.test(s)) });
}

const LISTS = new Set(["list", "tuple", "set", "expression_list"]);

/** A member of a list, tuple or set display; on a command line, an argument or an option's value. */
export const collectionItem: ValueMatcher = ({ f, A, j, node, p }) => {
  if (!p || !LISTS.has(p.type)) return undefined;
  const items = elements(p).map(stringValue);
  // `subprocess.run(["aider", "--model", "deepseek-chat"])`: the value of a command-line option.
  const prev = p.type === "set" ? undefined : items[elements(p).findIndex((e) => same(e, node)) - 1];
  if (prev !== undefined && MODEL_OPTION.test(prev)) return at(P.OPTION_ARGUMENT);
  const site = collectionSite(f, A, j + 1, items, P.COLLECTION_MEMBER);
  // Other items of a command line are arguments, not a capability table.
  if (site.kind === "collection" && p.type !== "set" && items.some((v) => v !== undefined && OPTION_ITEM.test(v))) return at(P.COMMAND_LINE_ARGUMENT);
  return site;
};

/** `Literal["…", "…"]` in an annotation (string → type → type_parameter → generic_type); any other annotation. */
export const typeAnnotation: ValueMatcher = ({ f, A, j, p }) => {
  if (p?.type !== "type") return undefined;
  const tp = A[j + 2];
  const gen = A[j + 3];
  if (tp?.type === "type_parameter" && gen?.type === "generic_type" && /(?:^|\.)Literal$/.test(gen.namedChild(0)?.text ?? ""))
    return collectionSite(
      f,
      A,
      j + 3,
      elements(tp).map((t) => stringValue(t.namedChild(0))),
      P.LITERAL_MEMBER,
    );
  return at(P.TYPE_ANNOTATION);
};

/** A member of an Enum class: `class Model(str, Enum): CHAT = "deepseek-chat"` (A[k]: the assignment). */
export const enumMember = ({ A, j }: ValueContext): Placed | undefined => {
  const k = j + 1;
  const assignment = A[k]!;
  const block = A[k + 2];
  const cls = A[k + 3];
  if (A[k + 1]?.type !== "expression_statement" || block?.type !== "block" || cls?.type !== "class_definition") return undefined;
  const bases = cls.childForFieldName("superclasses")?.text ?? "";
  if (!/Enum\b/.test(bases)) return undefined;
  const members: string[] = [];
  for (const st of elements(block)) {
    const asg = st.type === "expression_statement" ? st.namedChild(0) : null;
    const v = asg?.type === "assignment" ? stringValue(asg.childForFieldName("right")) : undefined;
    if (v !== undefined) members.push(v);
  }
  const modelNamed = MODEL_NAME.test(cls.childForFieldName("name")?.text ?? "") || MODEL_NAME.test(assignment.childForFieldName("left")?.text ?? "");
  return at(P.ENUM_MEMBER, { members, modelNamed });
};
