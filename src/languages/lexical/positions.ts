import type { Position, Site } from "../../core/types.js";

/**
 * The named positions of the lexical folder's adapters (docs/positions.md). The same positions
 * serve every language of the table (table.ts): a matcher says where a value sits in the text
 * around it, whatever the language.
 */

const pos = (id: string, kind: Position["kind"], label: string, summary: string, example: string, reason?: string): Position => ({
  id: `lexical/${id}`,
  kind,
  label,
  summary,
  example,
  ...(reason ? { reason } : {}),
});

/** The positions by name, for the matchers. */
export const P = {
  // Regions and strings.
  comment: pos("comment", "comment", "comment", "Inside a comment.", "// deepseek-chat was the default"),
  stringWithOtherText: pos("string-with-other-text", "other", "string with other text", "Inside a string that holds more than the ID.", 'log.Printf("calling deepseek-chat")'),
  outsideString: pos("outside-string", "other", "outside a string", "A bare word in a language whose values are quoted.", "deepseek-chat := 1"),
  partOfWord: pos("part-of-word", "other", "part of a longer word", "A bare word that continues past the ID.", "MODEL=deepseek-chat.bak"),
  expectedText: pos("expected-text", "other", "expected text", "A serialized body in a string compared with what code writes (usually in a test; tied to that code in rename groups): an argument of an expectation (`assertEquals`, `JSONEq`, `shouldContain`, …) or the value of a name the file compares.", 'assert.JSONEq(t, `{"model":"deepseek-chat"}`, string(body))'),
  serializedResponse: pos("serialized-response", "response", "serialized response", "A string holding a serialized response (a captured body or stream chunk).", `body := \`{"object": "chat.completion", "model": "deepseek-chat"}\``),
  placeholderDefault: pos("placeholder-default", "model", "placeholder default ${…:…}", "The default of a `${NAME:default}` placeholder.", "${spring.ai.model:deepseek-chat}"),
  wordList: pos("word-list", "collection", "word list", "A word of a word list.", "%w[deepseek-chat deepseek-reasoner]"),
  // Comparisons.
  comparison: pos("comparison", "comparison", "comparison", "Compared by an operator or a comparing method.", 'if model == "deepseek-chat" {'),
  caseLabel: pos("case-label", "comparison", "case label", "One of several labels of a `case` or `when`.", 'case "deepseek-chat", "deepseek-reasoner":'),
  matchArm: pos("match-arm", "comparison", "match arm", "The pattern of a match arm (`->`, or `=>` inside `match {` / `switch {`).", '"deepseek-chat" -> 0.27'),
  casePattern: pos("case-pattern", "comparison", "case pattern", "A pattern of a shell `case … in`.", "deepseek-chat) echo fast ;;"),
  testComparison: pos("test-comparison", "comparison", "test comparison", "A shell test's `=`.", '[ "$MODEL" = "deepseek-chat" ]'),
  switchArm: pos("switch-arm", "comparison", "switch arm", "A PowerShell `switch` arm.", 'switch ($m) { "deepseek-chat" { 1 } }'),
  sqlComparison: pos("sql-comparison", "comparison", "SQL comparison", "An SQL `=` outside a SET clause.", "WHERE model = 'deepseek-chat'"),
  comparingArgument: pos("comparing-argument", "comparison", "argument of a comparing call", "An argument of a function that compares its arguments.", 'strings.EqualFold(m, "deepseek-chat")'),
  membershipTest: pos("membership-test", "comparison", "membership test", "A member of a list tested for membership.", 'if m in ["deepseek-chat"]'),
  // Keys.
  key: pos("key", "key", "key", "The key of a map or object entry (`:` or `=>` after it).", '"deepseek-chat": 0.27,'),
  subscript: pos("subscript", "key", "subscript", "A subscript.", 'prices["deepseek-chat"]'),
  pairKey: pos("pair-key", "key", "pair key", "The key of a Kotlin `to` pair.", '"deepseek-chat" to 0.27'),
  lookupKey: pos("lookup-key", "key", "lookup", "The key looked up by a getter.", 'PRICES.get("deepseek-chat")'),
  setterKey: pos("setter-key", "key", "key of a setter", "The key a setter stores a value under.", 'm.insert("deepseek-chat", 0.27)'),
  pairCallKey: pos("pair-call-key", "key", "key in a pair call", "A key of a call whose arguments alternate key and value.", 'Map.of("deepseek-chat", 0.27)'),
  keyColumn: pos("key-column", "key", "key column", "An SQL INSERT value of a model-named id or key column.", "INSERT INTO prices (model_id, usd) VALUES ('deepseek-chat', 0.27)"),
  // Values assigned to names.
  assignmentModel: pos("assignment-model", "model", "value of a model name", "The value of a model-named variable, field or key.", 'const DefaultModel = "deepseek-chat"'),
  assignmentOther: pos("assignment-other", "other", "value of a name", "The value of a name that does not speak of a model.", 'title = "deepseek-chat"'),
  columnDefault: pos("column-default", "model", "column default", "The DEFAULT of a model-named SQL column.", "model TEXT DEFAULT 'deepseek-chat'"),
  collidingEntry: pos("colliding-entry", "collection", "entry of a list", "A model value in one entry of a list literal where the rename would make two entries name the same model.", "[{'id': 'deepseek-chat'}, {'id': 'deepseek-reasoner'}]"),
  collidingConstant: pos("colliding-constant", "other", "constant told apart", "The value of a model-named constant that the rename would make equal to another constant of the file, where the file uses the names as map keys, case labels or in comparisons (a duplicate map key or case label, a branch never taken).", 'DeepSeekChat ModelID = "deepseek-chat"  (with DeepSeekReasoner = "deepseek-reasoner", both keys of one map)'),
  pathLabel: pos("path-label", "other", "label in file paths", "A model-named shell variable the script only uses inside file paths (a results or log folder): a label, not a request's model.", 'MODEL_NAME="deepseek-chat"; mkdir -p "results/$MODEL_NAME"'),
  modelKeyPath: pos("model-key-path", "model", "under a model key path", "A value under a model-named key path.", 'models: { default: "deepseek-chat" }'),
  recordedResponse: pos("recorded-response", "response", "recorded response", "A model-named value inside an object literal that is a recorded response.", '{ "model": "deepseek-chat", "choices": [] }'),
  attributeModel: pos("attribute-model", "model", "value of a model attribute", "The value of a model-named name without an operator (an Elixir module attribute).", '@model "deepseek-chat"'),
  attributeOther: pos("attribute-other", "other", "value of an attribute", "The value of a name without an operator that does not speak of a model.", '@title "deepseek-chat"'),
  conditionalModel: pos("conditional-model", "model", "conditional model value", "A branch of a conditional assigned to a model-named name.", 'model = pro ? "deepseek-reasoner" : "deepseek-chat"'),
  conditionalOther: pos("conditional-other", "other", "conditional value", "A branch of a conditional assigned to another name.", 'label = pro ? "deepseek-reasoner" : "x"'),
  // Calls.
  builderArgument: pos("builder-argument", "model", "argument of a model builder", "The argument of a model builder or setter.", '.model("deepseek-chat")'),
  lookupDefault: pos("lookup-default", "model", "default of a lookup", "The default of an environment or model lookup (`??`, `||`, `.unwrap_or(…)`).", 'env::var("MODEL").unwrap_or("deepseek-chat")'),
  getterDefault: pos("getter-default", "model", "default of a getter", "The default argument of an environment or config getter.", 'getEnv("MODEL", "deepseek-chat")'),
  valueAfterModelName: pos("value-after-model-name", "model", "value after a model name", "An argument right after a model-named string argument.", 'put("model", "deepseek-chat")'),
  commandLineOption: pos("command-line-option", "model", "model flag", "The value of a model command-line option.", "--model deepseek-chat"),
  prongModel: pos("prong-model", "model", "switch prong value", "A switch prong's value where the switch is assigned to a model-named name or returned by a model-named function (the table's `switchValues`).", 'const model = switch (tier) { .fast => "deepseek-chat", .pro => "deepseek-reasoner" };'),
  returnValue: pos("return-value", "model", "return value of a model function", "The value returned by a model-named function.", 'func DefaultModel() string { return "deepseek-chat" }'),
  // Collections.
  modelListMember: pos("model-list-member", "collection", "member of a model list", "A member of a list under a model-named name.", 'models := []string{"deepseek-chat"}'),
  modelEnumCase: pos("model-enum-case", "collection", "raw value of a model enum's case", "The raw value of a case of a string-backed enum under a model-named name (PHP, Swift): the enum's raw values must differ.", "enum Models: string { case CHAT = 'deepseek-chat'; }"),
  enumCase: pos("enum-case", "collection", "raw value of an enum's case", "The raw value of a case of a string-backed enum under another name (PHP, Swift).", 'enum Provider: String { case fast = "deepseek-chat" }'),
  listMember: pos("list-member", "collection", "member of a list", "A member of a list under another name.", 'names := []string{"deepseek-chat"}'),
  columnMember: pos("column-member", "collection", "column value", "An SQL INSERT value of a model-named column.", "INSERT INTO runs (name, model) VALUES ('a', 'deepseek-chat')"),
  columnOther: pos("column-other", "other", "value of a column", "An SQL INSERT value of a column that does not speak of a model.", "INSERT INTO notes (body) VALUES ('deepseek-chat')"),
  notKnown: pos("not-known", "other", "not a known model position", "A whole string in no known position.", 'fmt.Println("deepseek-chat")'),
  // key=value files (.properties, .ini).
  kvKey: pos("kv-key", "key", "key", "The key of a key=value line or an ini section header.", "deepseek-chat.price=0.27"),
  kvModel: pos("kv-model", "model", "value of a model key", "The whole value of a model-named key.", "spring.ai.deepseek.chat.options.model=deepseek-chat"),
  kvOther: pos("kv-other", "other", "value of a key", "The whole value of a key that does not speak of a model.", "app.title=deepseek-chat"),
  kvMember: pos("kv-member", "collection", "member of a value list", "A member of a comma-separated value.", "app.llm.allowed-models=deepseek-chat,deepseek-reasoner"),
  kvText: pos("kv-text", "other", "value with other text", "A value holding more than the ID, or a line that is no key=value.", "app.banner=Now on deepseek-chat"),
  // Files of no known kind.
  unknownKind: pos("unknown-kind", "other", "unknown file kind", "A file of a kind no adapter knows: reported, reviewed by hand.", "deepseek-chat  (in a .txt file)"),
  logLine: pos("log-line", "response", "log line", "A line of a log file (.log): a record of a run, never edited.", "2026-07-01 12:00:03 INFO request model=deepseek-chat  (in app.log)"),
  recordedCapture: pos("recorded-capture", "response", "recorded capture", "A recorded response or stream chunk in a file of no known kind (a log, an .sse capture).", 'data: {"object":"chat.completion.chunk","model":"deepseek-chat"}'),
} as const satisfies Record<string, Position>;

export const POSITIONS: readonly Position[] = Object.values(P);

export const POSITIONS_BY_ID: ReadonlyMap<string, Position> = new Map(POSITIONS.map((p) => [p.id, p]));

/**
 * What a matcher says about a match: its named position and kind, with the collection's facts, and
 * where the position's label is too general for a rename group's role, the call or column that
 * makes it (`detail`: "argument of equals()", "key column model_id").
 */
export type Placed = Pick<Site, "kind" | "position" | "members" | "modelNamed" | "detail" | "advice">;

/** The site fields of a position: its ID and the kind the catalog gives it. */
export function at(p: Position, extra?: Pick<Site, "members" | "modelNamed" | "detail">): Placed {
  return { kind: p.kind, position: p.id, ...extra };
}
