import type { Node } from "web-tree-sitter";
import type { Match } from "../../core/types.js";
import { hostsNamedIn, mergeMentions, verdictOf, type HostMentions, type HostVerdict } from "../../rules/hosts.js";
import type { PyFile } from "./file.js";
import { same } from "./nodes.js";

/**
 * Hosts scoped to the construct (docs/hosts-and-sdks.md): walk out from the match through the
 * enclosing call, dict, dict entry, assignment, branch (if/elif/else, case, conditional
 * expression), function and class; the first that names a provider decides. A call also names what
 * its receiver's client was made with (`router = OpenAI(base_url="https://openrouter.ai/api/v1")`
 * … `router.chat.completions.create(…)`).
 */
export function hostScope(f: PyFile, m: Match): HostVerdict {
  const leaf = f.root.descendantForIndex(m.start, m.end);
  if (!leaf) return undefined;
  let child: Node = leaf;
  for (let n: Node | null = leaf.parent, guard = 0; n && n.type !== "module" && guard < 500; child = n, n = n.parent, guard++) {
    const v = constructVerdict(f, n, child);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** What one enclosing construct says of the hosts (undefined: it names none, look further out). */
function constructVerdict(f: PyFile, n: Node, child: Node): HostVerdict {
  const at = (node: Node, what: string, extra?: HostMentions): HostVerdict => {
    let own = f.mentionsIn(node.startIndex, node.endIndex);
    if (own.deepseek && !own.deepseekApi && own.other === undefined) own = outsideProse(f, node);
    return verdictOf(extra ? mergeMentions(own, extra) : own, what);
  };
  switch (n.type) {
    case "call":
      return at(n, "this call", receiverMentions(f, n));
    case "dictionary":
      return at(n, "this dict");
    case "pair":
      return at(n, `the entry ${n.childForFieldName("key")?.text ?? ""}`.trimEnd());
    case "expression_statement":
      return n.firstNamedChild?.type === "assignment" || n.firstNamedChild?.type === "augmented_assignment" ? at(n, "this assignment") : undefined;
    case "conditional_expression":
      return at(n, "this conditional");
    case "if_statement": {
      const then = n.childForFieldName("consequence");
      const v = same(then, child) ? verdictOf(f.mentionsIn(n.startIndex, then!.endIndex), "this branch") : undefined;
      return v !== undefined ? v : at(n, "this if statement");
    }
    case "elif_clause":
    case "else_clause":
    case "case_clause":
      return at(n, n.type === "case_clause" ? "this case" : "this branch");
    case "match_statement":
      return at(n, "this match statement");
    case "function_definition":
    case "class_definition": {
      const name = n.childForFieldName("name")?.text;
      return at(n, `${n.type === "class_definition" ? "class" : "function"} ${name ?? ""}`.trimEnd());
    }
    default:
      return undefined;
  }
}

/**
 * What the client a call's receiver is bound to names: `router` in `router.chat.completions.create(…)`,
 * `self.client` in `self.client.chat…`, from the assignments to it in the file.
 */
function receiverMentions(f: PyFile, call: Node): HostMentions | undefined {
  const receiver = receiverOf(call);
  const last = receiver?.type === "attribute" ? receiver.childForFieldName("attribute")?.text : receiver?.text;
  if (!receiver || !last) return undefined;
  const want = receiver.text.replace(/\s+/g, "");
  let out: HostMentions | undefined;
  for (const id of f.identifiers(last)) {
    const target = id.parent?.type === "attribute" && same(id.parent.childForFieldName("attribute"), id) ? id.parent : id;
    const asg = target.parent;
    if (asg?.type !== "assignment" || !same(asg.childForFieldName("left"), target) || target.text.replace(/\s+/g, "") !== want) continue;
    const right = asg.childForFieldName("right");
    if (right?.type !== "call") continue;
    const found = f.mentionsIn(right.startIndex, right.endIndex);
    out = out ? mergeMentions(out, found) : found;
  }
  return out;
}

/** A method call's receiver: `client.…` → client; `self.client.…` / `cls.client.…` → self.client. */
function receiverOf(call: Node): Node | undefined {
  const callee = call.childForFieldName("function");
  if (!callee || callee.type !== "attribute") return undefined;
  const parts: Node[] = [];
  let root: Node = callee;
  while (root.type === "attribute" && root.childForFieldName("object")) {
    parts.unshift(root);
    root = root.childForFieldName("object")!;
  }
  if (root.type !== "identifier") return undefined;
  return (root.text === "self" || root.text === "cls") && parts.length > 1 ? parts[0]! : root;
}

/**
 * What a construct names when only a name containing `deepseek` names DeepSeek (the weak mention),
 * read without its comments and prose strings: `ModelMetadata(model=["deepseek-chat"],
 * description="DeepSeek V3: efficient LLM")` in a file that points at another host names the
 * model's maker in its description, not the host it is sent to, so the construct does not decide
 * and the walk goes on (docs/hosts-and-sdks.md).
 */
function outsideProse(f: PyFile, node: Node): HostMentions {
  const text = f.code.slice(node.startIndex, node.endIndex).replace(PROSE, (all: string, comment?: string, body?: string) =>
    comment !== undefined || /\s/.test(body ?? "") ? all.replace(/[^\n]/g, " ") : all,
  );
  return hostsNamedIn(text);
}

/** A comment (group 1), or a string literal (group 2: its quoted text, prefixes before it). */
const PROSE = /(#[^\n]*)|[rRbBuUfF]{0,2}("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g;
