/**
 * How code and configuration name a model (docs/architecture.md, "API knowledge"): the one source
 * every language adapter reads, so a name that counts as a model position in Python counts the same
 * in YAML, TypeScript or a shell script.
 */

/** A name that speaks of a model: `model`, `MODEL_ID`, `defaultModel`, `llm_model_name`. */
export const MODEL_NAME = /model/i;

/** A key that gives a thing a name for people: an object with one describes a model (a catalogue entry). */
export const LABEL_KEY = /^(?:display_?name|label|title)$/i;

export function isModelName(name: string): boolean {
  return MODEL_NAME.test(name);
}

/** Some segment of a key path names a model (`llm.model`, `agents[0].model_name`). */
export function pathIsModelNamed(path: readonly string[]): boolean {
  return path.some((seg) => MODEL_NAME.test(seg));
}

/** A command-line option that takes a model: `--model`, `--chat-model`, `-m`. */
const MODEL_FLAG = String.raw`--?[\w-]*model[\w-]*|-m`;

/** A whole argument that is a model option: `["--model", "deepseek-chat"]`. */
export const MODEL_OPTION = new RegExp(`^(?:${MODEL_FLAG})$`, "i");

/** A model option with its value in one argument: `--model=deepseek-chat` (group 1: the value). */
export const MODEL_OPTION_VALUE = /^--?[\w-]*model[\w-]*=(.*)$/i;

/** Text that ends with a model option, before its value on a command line: `run --model `. */
export const MODEL_OPTION_BEFORE = new RegExp(`(?:^|[\\s'"(])(?:${MODEL_FLAG})$`, "i");

/** Like MODEL_OPTION_BEFORE, with the blank or `=` and an opening quote of the value: `--model="`. */
export const MODEL_OPTION_BEFORE_VALUE = new RegExp(`(?:^|[\\s'"(])(?:${MODEL_FLAG})(?:[ \\t]+|=)["']?$`, "i");
