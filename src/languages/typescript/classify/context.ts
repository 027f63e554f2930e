import type { ts } from "ts-morph";
import type { AdapterInput, FlagFix, Match, Position, Rule, Site } from "../../../core/types.js";
import type { FileFacts } from "../facts.js";
import { at } from "../positions.js";
import type { RequestStyle } from "../requests.js";
import { valueContext, type Literal, type ValueContext } from "../syntax.js";
import type { Resolver } from "../types.js";
import { T } from "../util.js";

/** A literal type member that a comparison or the keys of a `Record<…>` object in the file depend on. */
export interface ComparedType {
  at: ts.Node;
  kind: "comparison" | "key";
}

/** What the classifier needs of the file's analysis (typescript/analysis.ts). */
export interface Scope {
  readonly sf: ts.SourceFile;
  readonly text: string;
  readonly input: AdapterInput;
  readonly style: RequestStyle;
  readonly resolver: Resolver;
  readonly facts: FileFacts;
  /** Literal type members → the comparison or object keys they type (classify/types.ts). */
  readonly comparedTypes: Map<ts.Node, ComparedType>;
  rule(m: Match): Rule;
  inResponse(node: ts.Node): boolean;
  /** Set the parent links down to a node a walk did not reach. */
  link(node: ts.Node): void;
  /** Flags for a literal that is the `model` property of an object: a request, or not. */
  requestFlagsFor(top: ts.Expression, m: Match, uncertain: boolean): FlagFix | undefined;
}

type StringLit = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;

/** One match in one literal, as the matchers see it. */
export class Ctx {
  private flow?: ValueContext;

  constructor(
    readonly s: Scope,
    readonly lit: Literal,
    readonly m: Match,
  ) {}

  /** The literal as a plain string: what the matchers after the text matchers (classify/text.ts) see. */
  get str(): StringLit {
    return this.lit as StringLit;
  }

  /** The literal is a plain string holding exactly the ID (with any provider prefix). */
  get exact(): boolean {
    const lit = this.lit;
    return isString(lit) && lit.getStart(this.s.sf) + 1 === this.m.start && lit.end - 1 === this.m.end;
  }

  /** Where the string's value flows: up through wrappers, branches and defaults. */
  get value(): ValueContext {
    return (this.flow ??= valueContext(this.str));
  }

  /** The outermost expression the value flows into. */
  get top(): ts.Expression {
    return this.value.top;
  }

  at(p: Position, extra: Partial<Site> = {}): Site {
    return at(p, this.m.idStart, extra);
  }
}

/** A matcher: the site when the construct is its own, else undefined (the next one is tried). */
export type Matcher<C = Ctx> = (c: C) => Site | undefined;

/** The first matcher's site, in list order: the list is the precedence. */
export function firstMatch<C>(matchers: readonly Matcher<C>[], c: C): Site | undefined {
  for (const match of matchers) {
    const site = match(c);
    if (site) return site;
  }
  return undefined;
}

function isString(lit: ts.Node): lit is StringLit {
  return T.isStringLiteral(lit) || T.isNoSubstitutionTemplateLiteral(lit);
}
