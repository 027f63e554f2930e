import type { ts } from "ts-morph";
import type { Match, Ruleset, Site } from "../../core/types.js";
import type { Literal } from "./syntax.js";
import { T, chainNames, isWrapper, nameText } from "./util.js";

/**
 * Model constants held as the properties of one constant object (`const MODEL = Object.freeze({
 * V3: "deepseek-chat", R1: "deepseek-reasoner" })`, `{ … } as const`): the object is the file's
 * enum, and the rename makes two of its properties equal (both become deepseek-v4-flash, or one
 * becomes the value another already holds). Where the file tells them apart through the object
 * (`x === MODEL.R1`, `case MODEL.R1:`, `[MODEL.R1]: …`, or a type of its values that other modules
 * compare: TypeScript's enum idiom), a comparison that picked one now picks both:
 * the properties are placed at `position` (kind "other": a reviewed fix) with advice, as
 * shared/constant-collisions.ts does for named constants. Per file: uses in other files are not read.
 */
export function markObjectConstantCollisions(
  sites: Site[],
  matches: readonly Match[],
  ruleset: Ruleset,
  literals: ReadonlyMap<number, Literal>,
  opts: { text: string; position: string; inCode: (pos: number) => boolean },
): void {
  const byStart = new Map(matches.map((m) => [m.idStart, m]));
  const objects = new Map<ts.ObjectLiteralExpression, { name: string; props: Prop[] }>();
  sites.forEach((site, i) => {
    const m = byStart.get(site.idStart);
    const rule = m && ruleset.byId.get(m.legacyId);
    const lit = literals.get(site.idStart);
    if (site.kind !== "model" || !m || !rule || rule.reportOnly || !lit || !T.isStringLiteral(lit)) return;
    if (lit.text !== m.prefix + m.legacyId) return;
    const owner = constantObject(lit);
    if (!owner) return;
    const entry = objects.get(owner.obj) ?? { name: owner.name, props: [] };
    entry.props.push({ key: owner.key, value: lit.text, renamed: m.prefix + rule.target, site: i });
    objects.set(owner.obj, entry);
  });
  for (const [obj, { name, props }] of objects) {
    for (const renamed of new Set(props.map((p) => p.renamed))) {
      const list = props.filter((p) => p.renamed === renamed);
      for (const q of obj.properties) {
        const key = T.isPropertyAssignment(q) ? nameText(q.name) : undefined;
        const v = T.isPropertyAssignment(q) && T.isStringLiteral(q.initializer) ? q.initializer.text : undefined;
        if (key !== undefined && v === renamed) list.push({ key, value: v, renamed });
      }
      if (new Set(list.map((p) => p.value)).size < 2) continue;
      const use = list.map((p) => ({ key: p.key, how: usedApart(opts.text, name, p.key, opts.inCode) })).find((u) => u.how);
      const used = use ? `${use.how} ${name}.${use.key}` : valuesType(opts.text, name);
      if (!used) continue;
      for (const p of list) {
        if (p.site === undefined) continue;
        const others = list.filter((o) => o !== p).map((o) => `${name}.${o.key}`);
        sites[p.site] = {
          ...sites[p.site]!,
          kind: "other",
          position: opts.position,
          advice: `The rename makes ${name}.${p.key} equal to ${others.join(", ")} (${renamed}), and this file tells them apart (${used}): the comparison or branch that picked one would now pick both. Decide by hand which property takes ${renamed}, and branch on the thinking setting instead of the model.`,
        };
      }
    }
  }
}

interface Prop {
  key: string;
  value: string;
  renamed: string;
  site?: number;
}

/**
 * The constant object a property value belongs to: `const NAME = { KEY: "…" }`, through `as const`,
 * `satisfies`, parentheses and `Object.freeze(…)`. Undefined for any other place.
 */
function constantObject(lit: ts.StringLiteral): { obj: ts.ObjectLiteralExpression; name: string; key: string } | undefined {
  const prop = lit.parent;
  if (!prop || !T.isPropertyAssignment(prop) || prop.initializer !== lit || !T.isObjectLiteralExpression(prop.parent)) return undefined;
  const key = nameText(prop.name);
  if (key === undefined || !/^[A-Za-z_$][\w$]*$/.test(key)) return undefined;
  const obj = prop.parent;
  let cur: ts.Node = obj;
  for (let guard = 0; guard < 8; guard++) {
    const p: ts.Node | undefined = cur.parent;
    if (isWrapper(p)) cur = p;
    else if (p && T.isCallExpression(p) && p.arguments.length === 1 && p.arguments[0] === cur && chainNames(p.expression).join(".") === "Object.freeze") cur = p;
    else break;
  }
  const decl = cur.parent;
  if (!decl || !T.isVariableDeclaration(decl) || decl.initializer !== cur || !T.isIdentifier(decl.name)) return undefined;
  return { obj, name: decl.name.text, key };
}

/**
 * TypeScript's enum idiom: a type of the object's values (`type Model = (typeof MODEL)[keyof typeof
 * MODEL]`), as Go's constants of one named type (shared/constant-collisions.ts): the values are
 * compared and switched on wherever the type is used, often in another module that names no ID.
 */
function valuesType(text: string, name: string): string | undefined {
  const esc = name.replace(/[$]/g, "\\$");
  const re = new RegExp(`\\btype\\s+([A-Za-z_$][\\w$]*)[^=;]*=\\s*\\(?\\s*typeof\\s+${esc}\\s*\\)?\\s*\\[\\s*keyof\\s+typeof\\s+${esc}\\s*\\]`);
  const m = re.exec(text);
  return m ? `declares the type ${m[1]} of its values` : undefined;
}

/** How the text tells `NAME.KEY` (or `NAME["KEY"]`) apart: a comparison, a case label, a computed key. */
function usedApart(text: string, name: string, key: string, inCode: (pos: number) => boolean): string | undefined {
  const esc = (s: string) => s.replace(/[$]/g, "\\$");
  const q = `(?<![\\w$.])${esc(name)}\\s*(?:\\??\\.\\s*${esc(key)}(?![\\w$])|\\[\\s*["']${esc(key)}["']\\s*\\])`;
  const uses: [string, RegExp][] = [
    ["a comparison with", new RegExp(`[=!]==?\\s*${q}`, "g")],
    ["a comparison with", new RegExp(`${q}\\s*[=!]==?(?!=)`, "g")],
    ["a case label", new RegExp(`\\bcase\\s+${q}\\s*:`, "g")],
    ["a key", new RegExp(`\\[\\s*${q}\\s*\\]\\s*:`, "g")],
  ];
  for (const [how, re] of uses) {
    for (const m of text.matchAll(re)) if (inCode(m.index! + m[0].indexOf(name))) return how;
  }
  return undefined;
}
