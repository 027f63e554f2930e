import type { Position, PositionKind } from "../../core/types.js";

/**
 * The named positions of the typescript folder's adapter (docs/positions.md): every place in
 * TypeScript or JavaScript (and script blocks embedded in markup) where the adapter can find a
 * legacy ID. The classifier (typescript/classify/) returns one of these for every match.
 */

function pos(slug: string, kind: PositionKind, label: string, summary: string, example: string, reason?: string): Position {
  return { id: `typescript/${slug}`, kind, label, summary, example, ...(reason ? { reason } : {}) };
}

/** The catalog, by the name the classifier uses. */
export const P = {
  // Outside any string literal.
  comment: pos("comment", "comment", "comment", "In a comment or a JSDoc block.", '// was "deepseek-chat" until May'),
  code: pos("code", "other", "code", "Outside every literal and comment (e.g. an unquoted JSX attribute text).", "<Chip label=deepseek-chat />"),
  // Text: a literal that is not exactly the ID.
  recordedResponse: pos("recorded-response", "response", "recorded response", "A value inside an object shaped like a recorded API response (choices, usage, object: chat.completion).", '{ object: "chat.completion", model: "deepseek-chat", choices: [] }'),
  jsxText: pos("jsx-text", "other", "JSX text", "Text between JSX tags.", "<p>Uses deepseek-chat</p>"),
  serializedResponse: pos("serialized-response", "response", "serialized response", "A string holding a serialized response or captured stream (test fixtures, SSE mocks).", '`data: {"object":"chat.completion.chunk","model":"deepseek-chat"}`'),
  templateOrRegex: pos("template-or-regex", "other", "template or regular expression", "A template literal with substitutions, or a regular expression.", "`${provider}/deepseek-chat`"),
  stringWithOtherText: pos("string-with-other-text", "other", "string with other text around the ID", "A string literal holding more than the ID.", '"Answer with deepseek-chat"'),
  // Keys.
  objectKey: pos("object-key", "key", "object key", "The name of a property in an object literal, interface, class or type literal.", '{ "deepseek-chat": 0.27 }'),
  computedKey: pos("computed-key", "key", "computed key", "A computed property name.", '{ ["deepseek-chat"]: 0.27 }'),
  destructuredKey: pos("destructured-key", "key", "destructured key", "The property name of a destructuring pattern.", 'const { "deepseek-chat": price } = PRICES'),
  elementAccessKey: pos("element-access-key", "key", "element access key", "The key of an element access.", 'PRICES["deepseek-chat"]'),
  enumMemberName: pos("enum-member-name", "key", "enum member name", "The name of an enum member.", 'enum Price { "deepseek-chat" = 1 }'),
  enumMember: pos("enum-member", "collection", "enum member", "The value of a string enum member.", 'enum Models { Chat = "deepseek-chat" }'),
  jsxAttribute: pos("jsx-attribute", "other", "JSX attribute", "The value of a JSX attribute.", '<ModelPicker value="deepseek-chat" />'),
  // Values.
  lookupDefault: pos("lookup-default", "model", "default of a lookup", "The default of an environment lookup or a model-named expression.", 'process.env.LLM_MODEL ?? "deepseek-chat"'),
  comparison: pos("comparison", "comparison", "comparison", "An operand of ==, ===, !=, !==, or the left side of `in`.", 'if (model === "deepseek-chat")'),
  modelAssignment: pos("model-assignment", "model", "assignment", "Assigned to a model-named target (also ??= and ||=).", 'cfg.model = "deepseek-chat"'),
  assignment: pos("assignment", "other", "assignment", "Assigned to a target whose name does not say model.", 'cfg.fallback = "deepseek-chat"'),
  operand: pos("operand", "other", "operand", "An operand of another binary operator.", 'prefix + "deepseek-chat"'),
  switchCase: pos("switch-case", "comparison", "switch case", "A case label of a switch statement.", 'case "deepseek-chat":'),
  constructorArgument: pos("constructor-argument", "other", "constructor argument", "An argument of a `new` expression.", 'new Agent("deepseek-chat")'),
  requestModelConstant: pos("request-model-constant", "model", "constant used as a request's model", "A const that a recognised request in the same file uses as its model.", 'const M = "deepseek-chat"; client.chat.completions.create({ model: M, messages })'),
  modelVariable: pos("model-variable", "model", "model-named variable", "The initializer of a model-named variable, or of one used as a model-named property's value.", 'const MODEL = "deepseek-chat"'),
  variable: pos("variable", "other", "variable", "The initializer of a variable whose name does not say model.", 'const fallback = "deepseek-chat"'),
  modelDefault: pos("model-default", "model", "model-named default", "The default of a model-named parameter, class field or destructured name.", 'function ask(model = "deepseek-chat")'),
  defaultValue: pos("default-value", "other", "default value", "The default of a parameter, class field or destructured name that does not say model.", 'function ask(name = "deepseek-chat")'),
  providerClassOption: pos("provider-class-option", "model", "option of a DeepSeek provider class", "The model option of a class imported from a DeepSeek provider package.", 'new ChatDeepSeek({ modelName: "deepseek-chat" })'),
  modelProperty: pos("model-property", "model", "model-named property", "The value of a property whose key path names a model (a request's `model`).", 'client.chat.completions.create({ model: "deepseek-chat", messages })'),
  modelDescriptor: pos("model-descriptor", "other", "ID of a model entry", "The `id` or `name` of an object that describes a model for people (it has a display name or label) under a model-named key path: it mirrors an entry of a catalogue, not a request's model.", "currentModel: { id: \"deepseek-chat\", displayName: \"DeepSeek V3\" }"),
  property: pos("property", "other", "property", "The value of a property whose key path does not say model.", '{ fallback: "deepseek-chat" }'),
  modelReturn: pos("model-return", "model", "returned by a model-named function", "Returned by a function whose name says model.", 'function defaultModel() { return "deepseek-chat" }'),
  returnValue: pos("return-value", "other", "return value", "Returned by a function whose name does not say model.", 'function pick() { return "deepseek-chat" }'),
  value: pos("value", "other", "value", "A string in any other position (an expression statement, a template tag, a spread).", 'log("x", ...["deepseek-chat"])'),
  // Call arguments.
  membershipArgument: pos("membership-argument", "comparison", "membership test", "The argument of a membership test method (includes, has, indexOf…).", 'SUPPORTED.includes("deepseek-chat")'),
  envDefault: pos("env-default", "model", "default of an environment lookup", "The default argument of an environment getter.", 'env("LLM_MODEL", "deepseek-chat")'),
  configDefault: pos("config-default", "model", "default of a configuration lookup", "The default argument of a configuration getter whose key says model.", 'config.get("model", "deepseek-chat")'),
  modelFactory: pos("model-factory", "model", "model factory", "The model argument of a known model factory, or of a provider made by one in this file.", 'deepseek("deepseek-chat")'),
  importedFactory: pos("imported-factory", "model", "model factory (imported from a DeepSeek provider package)", "The model argument of a factory imported from a DeepSeek provider package under any name.", 'import { deepseek as ds } from "@ai-sdk/deepseek"; ds("deepseek-chat")'),
  modelBuilder: pos("model-builder", "model", "model builder method", "The argument of a method whose name sets a model.", 'builder.withModel("deepseek-chat")'),
  mapKeyArgument: pos("map-key-argument", "key", "map key", "The key argument of a map method (get, set, has, delete).", 'PRICES.get("deepseek-chat")'),
  schemaDefault: pos("schema-default", "model", "schema default", "The argument of `.default(…)` in a chain under a model-named name.", 'model: z.string().default("deepseek-chat")'),
  argument: pos("argument", "other", "argument", "An argument of any other call.", 'track("deepseek-chat")'),
  // Array elements.
  mapEntryKey: pos("map-entry-key", "key", "Map key", "The key of an entry of `new Map([...])`.", 'new Map([["deepseek-chat", 0.27]])'),
  modelMapValue: pos("model-map-value", "model", "model-named Map value", "The value of an entry of a model-named `new Map([...])`.", 'const MODEL_BY_TIER = new Map([["fast", "deepseek-chat"]])'),
  mapValue: pos("map-value", "other", "Map value", "The value of an entry of a `new Map([...])` whose name does not say model.", 'const BY_TIER = new Map([["fast", "deepseek-chat"]])'),
  membershipList: pos("membership-list", "comparison", "membership test", "A member of an array literal that a membership test is called on.", '["deepseek-chat", "deepseek-reasoner"].includes(model)'),
  commandLineOption: pos("command-line-option", "model", "command-line option", "The array element after a model option of a command line.", 'spawn("agent", ["--model", "deepseek-chat"])'),
  membershipListMember: pos("membership-list-member", "comparison", "member of a list used in a membership test", "A member of a list bound to a name that a membership test in the file uses.", 'const REASONING = ["deepseek-reasoner"]; REASONING.includes(model)'),
  collidingConstant: pos("colliding-constant", "other", "constant told apart", "The value of a model constant (or of a property of a constant object, `MODEL.R1`) that the rename would make equal to another constant of the file, where the file uses the names as keys, case labels or in comparisons (a lost entry, a branch never taken).", 'const FAST = "deepseek-chat"; const DEEP = "deepseek-reasoner"; switch (m) { case FAST: …; case DEEP: … }'),
  collidingEntry: pos("colliding-entry", "collection", "entry of a list", "A model value in a list of objects where the rename would make two entries name the same model.", '[{ id: "deepseek-chat" }, { id: "deepseek-reasoner" }]'),
  arrayMember: pos("array-member", "collection", "array member", "A member of any other array literal.", 'const MODELS = ["deepseek-chat", "gpt-4o"]'),
  // Types.
  recordKeyType: pos("record-key-type", "key", "Record key type", "A member of the key type of `Record<…>`.", 'Record<"deepseek-chat" | "gpt-4o", number>'),
  keyedTypeMember: pos("keyed-type-member", "key", "type member that types object keys", "A literal type member that types the keys of an object literal in the file.", 'type Id = "deepseek-chat"; const PRICES: Record<Id, number> = { "deepseek-chat": 1 }'),
  comparedTypeMember: pos("compared-type-member", "comparison", "type member a comparison tests against", "A literal type member that a comparison in the file tests a value of that type against.", 'type M = "deepseek-chat" | "gpt-4o"; if (m === "deepseek-chat")'),
  unionMember: pos("union-member", "collection", "union type member", "A member of a literal union type (or a lone literal type).", 'type ChatModel = "deepseek-chat" | "gpt-4o"'),
  // A value typed by a literal type takes that member's kind.
  typedByModel: pos("typed-by-model", "model", "typed by", "A value typed by a same-file literal type member in a model position.", 'const m: ModelId = "deepseek-chat"', "Renamed only together with its type member, so the file still type-checks."),
  typedByKey: pos("typed-by-key", "key", "typed by", "A value typed by a same-file literal type member that types object keys.", 'const m: PriceKey = "deepseek-chat"', "Classified like its type member: renamed only together with it, so the file still type-checks."),
  typedByComparison: pos("typed-by-comparison", "comparison", "typed by", "A value typed by a same-file literal type member that a comparison tests against.", 'const m: ChatModel = "deepseek-chat"', "Classified like its type member: renamed only together with it, so the file still type-checks."),
  typedByCollection: pos("typed-by-collection", "collection", "typed by", "A value typed by a member of a same-file union, `(typeof LIST)[number]` or enum.", 'const m: (typeof MODELS)[number] = "deepseek-chat"', "Classified like its type member: renamed only together with it, so the file still type-checks."),
  typedByResponse: pos("typed-by-response", "response", "typed by", "A value typed by a literal type member inside a recorded response.", 'const m: (typeof RECORDED)["model"] = "deepseek-chat"'),
  typedByOther: pos("typed-by-other", "other", "typed by", "A value typed by a same-file literal type member in an unknown position.", 'const m: (typeof PROPS)["label"] = "deepseek-chat"'),
} as const satisfies Record<string, Position>;

/** The named positions of the typescript folder's adapters (docs/positions.md). */
export const POSITIONS: readonly Position[] = Object.values(P);

/** A site at a named position: its kind comes from the catalog entry. */
export { siteAt as at } from "../shared/positions.js";

const TYPED_BY: Record<PositionKind, Position | undefined> = {
  model: P.typedByModel,
  key: P.typedByKey,
  comparison: P.typedByComparison,
  collection: P.typedByCollection,
  response: P.typedByResponse,
  other: P.typedByOther,
  output: undefined,
  doc: undefined,
  comment: undefined,
};

/** The position of a value that took its type member's kind (shared/typed-by.ts), by that kind. */
export function typedByPosition(kind: PositionKind): string | undefined {
  return TYPED_BY[kind]?.id;
}
