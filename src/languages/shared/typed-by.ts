import type { Site } from "../../core/types.js";

/**
 * A value typed by a literal type (a TS union member, a Python `Literal[...]` member) takes that
 * member's classification, so a rename never leaves a value its type rejects. Shared by the
 * TypeScript and Python adapters.
 */
export function typedBySite(site: Site, member: Site, line: number, via: string, legacyId: string): Site {
  if (member.kind === site.kind) return site;
  return {
    idStart: site.idStart,
    kind: member.kind,
    ...(member.members ? { members: member.members } : {}),
    ...(member.modelNamed !== undefined ? { modelNamed: member.modelNamed } : {}),
    ...(site.flags ? { flags: site.flags } : {}),
    detail: `typed by line ${line}`,
    advice: `Typed by ${via} (line ${line}): renamed only together with that ${legacyId}, so the file still type-checks.`,
  };
}
