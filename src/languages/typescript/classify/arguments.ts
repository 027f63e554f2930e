import type { ts } from "ts-morph";
import type { Site } from "../../../core/types.js";
import { MODEL_NAME as MODEL } from "../../../knowledge/naming.js";
import { CONFIG_GETTERS, DEFAULT_METHODS, ENV_GETTERS, KEY_METHODS, MEMBERSHIP_METHODS, MODEL_BUILDER, MODEL_FACTORY_CALLS, PROVIDER_METHODS } from "../data.js";
import { P } from "../positions.js";
import { ownerNames } from "../syntax.js";
import { T, chainNames } from "../util.js";
import { firstMatch, type Ctx, type Matcher } from "./context.js";

/** A string argument of a call, with the callee's name path (`client.models.get` → [client, models, get]). */
interface ArgumentCtx {
  c: Ctx;
  call: ts.CallExpression;
  index: number;
  names: string[];
  /** The callee's last name. */
  last: string;
}

/** `LIST.includes("…")`, `SET.has("…")` */
const membershipArgument: Matcher<ArgumentCtx> = (a) =>
  a.index === 0 && MEMBERSHIP_METHODS.includes(a.last) && T.isPropertyAccessExpression(a.call.expression) ? a.c.at(P.membershipArgument) : undefined;

/** `env("LLM_MODEL", "…")` */
const envDefault: Matcher<ArgumentCtx> = (a) => (a.index === 1 && ENV_GETTERS.includes(a.last) ? a.c.at(P.envDefault) : undefined);

/** `config.get("model", "…")` */
const configDefault: Matcher<ArgumentCtx> = (a) => {
  if (a.index !== 1 || !CONFIG_GETTERS.includes(a.last)) return undefined;
  const key = a.call.arguments[0];
  return key && T.isStringLiteralLike(key) && MODEL.test(key.text) ? a.c.at(P.configDefault) : undefined;
};

/** A known model factory: `deepseek("…")`, `openai.chat("…")` (typescript/data.ts MODEL_FACTORY_CALLS). */
const knownFactory: Matcher<ArgumentCtx> = (a) => (a.index === 0 && MODEL_FACTORY_CALLS.includes(a.names.join(".")) ? a.c.at(P.modelFactory) : undefined);

/** A factory imported from a DeepSeek provider package under any name. */
const importedFactory: Matcher<ArgumentCtx> = (a) => (a.index === 0 && a.c.s.facts.importedFactory(a.names) ? a.c.at(P.importedFactory) : undefined);

/** A provider made in this file: `const ds = createDeepSeek(…)` … `ds("…")`, `ds.chat("…")`. */
const providerFactory: Matcher<ArgumentCtx> = (a) => {
  if (a.index !== 0) return undefined;
  const { names, last } = a;
  if (names.length === 1 && a.c.s.facts.providerNames().has(last)) return a.c.at(P.modelFactory);
  if (names.length === 2 && a.c.s.facts.providerNames().has(names[0]!) && PROVIDER_METHODS.includes(last)) return a.c.at(P.modelFactory);
  return undefined;
};

/** `builder.withModel("…")` */
const modelBuilder: Matcher<ArgumentCtx> = (a) => (a.index === 0 && MODEL_BUILDER.test(a.last) ? a.c.at(P.modelBuilder) : undefined);

/** `PRICES.get("…")` */
const mapKey: Matcher<ArgumentCtx> = (a) =>
  a.index === 0 && KEY_METHODS.includes(a.last) && T.isPropertyAccessExpression(a.call.expression) ? a.c.at(P.mapKeyArgument) : undefined;

/** `model: z.string().default("…")` */
const schemaDefault: Matcher<ArgumentCtx> = (a) => {
  if (!DEFAULT_METHODS.includes(a.last) || !T.isPropertyAccessExpression(a.call.expression) || a.c.value.uncertain) return undefined;
  return a.c.at(ownerNames(a.call).some((n) => MODEL.test(n)) ? P.schemaDefault : P.argument);
};

/** In order: the first that matches decides. */
const ARGUMENT: readonly Matcher<ArgumentCtx>[] = [membershipArgument, envDefault, configDefault, knownFactory, importedFactory, providerFactory, modelBuilder, mapKey, schemaDefault];

export function classifyArgument(c: Ctx, call: ts.CallExpression): Site {
  const names = chainNames(call.expression);
  const a: ArgumentCtx = { c, call, index: call.arguments.indexOf(c.top), names, last: names[names.length - 1] ?? "" };
  return firstMatch(ARGUMENT, a) ?? c.at(P.argument);
}
