/**
 * The words and shapes the lexical matchers look for around a value, as data: the functions of
 * libraries in many languages that compare, look up, default or wrap a value.
 */

/** Builder and setter methods whose argument is the model: .model("…"), .modelName("…"), WithModel("…"), openai.ChatModel("…"). */
export const MODEL_BUILDER = /^(?:with|set|use|for)?_?(?:chat_?|default_?|llm_?|lm_?)?model(?:_?(?:name|id))?[!?]?$/i;
/** Functions that compare their arguments. */
export const EQUALITY_FUNCS =
  /^(?:equals|equalsIgnoreCase|Equals|EqualFold|strcmp|strcasecmp|strncmp|stricmp|eq\??|eql|equal\??|is_equal|isEqual|compare|Compare|casecmp\??|contains|Contains|includes|include\?|in_array|startsWith|StartsWith|HasPrefix|start_with\?|starts_with|assertEquals|assert_eq|assertEqual|assert_equal|expect|toBe|toEqual)$/;
/**
 * Assertions that compare a whole text with what code wrote (testify's Equal and JSONEq, AssertJ's
 * isEqualTo, Rust's assert_eq!, RSpec's include): where a string holding a serialized body is their
 * argument, the body is an expectation (classify.ts).
 */
export const EXPECTATION_CALLS = /^(?:Equal|Equalf|NotEqual|JSONEq|JSONEqf|YAMLEq|isEqualTo|isNotEqualTo|assert_eq!|assert_ne!|assert_json_eq!?|assertJsonEquals|assertJsonStringEqualsJsonString|include|match|contain)$/;
/** Lookups of a key: PRICES.get("…"), fetch("…"), containsKey("…"). */
export const KEY_LOOKUPS = /^(?:get|getOrDefault|containsKey|ContainsKey|TryGetValue|has|hasKey|has_key\??|key\?|fetch|dig|Get|at|lookup|remove|delete|get_or_insert|entry|Item)$/;
/** Calls whose arguments alternate key, value: Map.of("deepseek-chat", 0.27, …). */
export const PAIR_CALLS = /^(?:Map\.of|ImmutableMap\.of|Map\.entry|entry|Pair|pair|hash|Hash|dict|Dict|map|Map|hash_map|hashMapOf)$/;
/** Setters whose first argument is a key when a value follows: m.insert("…", 0.27), map.put("…", x). */
export const KEY_SETTERS = /^(?:insert|put|set|Set|add|Add|TryAdd|store|Store|putIfAbsent|computeIfAbsent|setdefault|setItem|Insert)$/;
/** Environment and config getters whose second argument is a default: getEnv("X", "…"), ENV.fetch("X", "…"). */
export const ENV_GETTERS =
  /^(?:getenv|get_?env|getEnv|GetEnv|env|fetch|getOrDefault|getProperty|GetValue|get_env_or|getenv_or|envOr|EnvOr|getEnvOr|GetEnvOr|getEnvOrDefault|GetEnvOrDefault|LookupEnvOr|env_or|get|Get|getString|GetString)$/;
/** Calls that wrap a value without changing it: openai.F("…"), String::from("…"), Some("…"). */
export const WRAPPERS = /^(?:F|String|Str|Ptr|ptr|Some|Ok|from|ofNullable|Opt|NewOpt|Optional|Value|Param|param|str|lit|Literal|Text|constant|Const|toString|to_string)$/;
/** Method calls after a value that keep it: "…".to_string(), "…".freeze. */
export const VALUE_SUFFIXES = /^(?:\s*\.(?:to_string|into|to_owned|toString|as_str|freeze|dup|clone|intern|trim|strip)\(\s*\)|\s*\.(?:freeze|dup|strip)\b|!!)/;
/** Functions giving a default when a lookup is empty: .unwrap_or("…"), .orElse("…"). */
export const DEFAULT_FUNCS = /^(?:unwrap_or|or|orElse|getOrElse|or_else|unwrapOr|OrDefault|orDefault|default|withDefault|GetValueOrDefault)$/;
/** Operators giving a default: ??, ?:, ||, or, //, Zig's orelse. */
export const DEFAULT_OPS = /(?:\?\?|\?:|\|\||\bor|\/\/|\borelse)$/;
/** Closures giving a default: .unwrap_or_else(|_| "…"), .orElseGet(() -> "…"). */
export const DEFAULT_CLOSURES = /(?:unwrap_or_else|or_else|orElseGet|getOrElse|unwrapOrElse)\(\s*(?:\|[^|]*\||\(\)\s*->|\{\s*(?:_\s*->)?)\s*$/;
/** What a getter call mentions when its default argument is a model position: config.get("k", "…"). */
export const LOOKUP_WORDS = /env|environ|getenv|config|setting|option|propert|model|param/i;
/** What the expression before `??`, `||`, `?:`, `.unwrap_or(` must mention: an environment lookup or a model-named value. */
export const ENV_WORDS = /env|environ|getenv|model/i;
/** Calls that build a list or set of their arguments (Kotlin, Java, Guava): listOf(…), List.of(…), Arrays.asList(…). */
const LIST_CALL_NAMES =
  "listOf|setOf|arrayOf|mutableListOf|mutableSetOf|hashSetOf|linkedSetOf|sortedSetOf|arrayListOf|List\\.of|Set\\.of|Arrays\\.asList|ImmutableList\\.of|ImmutableSet\\.of|Stream\\.of|EnumSet\\.of";
/** The text before a list-building call's `(`. */
export const LIST_CALL = new RegExp(`\\b(?:${LIST_CALL_NAMES})\\s*$`);
/** Collection constructors: the list-building calls, and Seq(…), vec![…], @(…), new Set(…), new T[] {…}. */
export const COLLECTION_CTORS = new RegExp(
  `(?:^|[^\\w.])(?:${LIST_CALL_NAMES}|Seq|List|Set|Vector|Array|array|tuple|vec!|@|new\\s+Set|new\\s+HashSet\\S*|new\\s+List\\S*|new\\s+\\w+\\[\\])\\s*$`,
);
/** Membership tests after a collection: [...].include?(x), .contains(x). */
export const MEMBERSHIP_AFTER = /^\s*\.(?:include\?|includes|contains|Contains|indexOf|index|member\?|has|any\?|count)(?!\w)/;
/** Comparison operators before a value; Kotest's and ScalaTest's infix matchers (`actual shouldBe "…"`). */
export const CMP_BEFORE = /(?:===|!==|==|!=|<>|=~|!~|\bshould(?:Not)?(?:Be|Equal|Contain|StartWith|EndWith|Match)|\bmust(?:Be|Equal)|\beq|\bne|\bcase|\bwhen|-c?eq|-c?ne|-i?eq|-i?ne|-c?like|-c?notlike|-c?match|-c?notmatch|-c?contains|-c?notcontains|-c?in|-c?notin)$/i;
/** Comparison operators or comparing methods after a value. */
export const CMP_AFTER = /^(?:===|!==|==|!=|<>|->|\s*\.\s*(?:equals|equalsIgnoreCase|Equals|eql\?|equal\?|casecmp\??|==|EqualFold)(?!\w))/;
/** `${spring.ai.model:deepseek-chat}`, `${MODEL:=deepseek-chat}`: a placeholder's default. */
export const PLACEHOLDER = /\$\{([^{}\s]*?)(?::-|:=|:\?|:|-|=)$/;
/** Headers of a `{…}` whose arms compare: match x { "…" => }, x switch { "…" => }. */
export const MATCH_HEADER = /\b(?:match|switch|case|when|select)\b[^{;\n]*$/;

export const IDENT = /[A-Za-z0-9_$@.]/;
/** Blanks; NUL is the filler left where an escaped quote was unescaped (see embedded()). */
export const WS = /[\s\u0000]/;
