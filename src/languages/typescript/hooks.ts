import type { ts } from "ts-morph";

/**
 * Test hooks (test/typescript-walk.test.ts). `full`: one walk over every node that collects every
 * fact up front: the reference the pruned walks are compared against. `afterWalk`: called between
 * the first walk and the later phases (the test marks the parent links that walk left unset, so a
 * read of one is caught). `linking`: set while `link` looks at a parent link that may be unset.
 */
export const walkHooks: {
  full: boolean;
  afterWalk?: (sf: ts.SourceFile) => void;
  linking: boolean;
  /** Told whether a file's skeleton was parsed ("used"), had nothing to blank ("none") or failed its checks ("fallback"). */
  skeleton?: (outcome: "used" | "none" | "fallback") => void;
} = { full: false, linking: false };
