/**
 * The advice of a comparison that keeps the old ID (no fix): a branch is extended by hand, an
 * assertion expects what the code under test gives (src/rules/policy.ts).
 */
import { describe, expect, it } from "vitest";
import { findingsOf } from "./helpers/groups.js";

const KOTLIN_TEST = `class ConfigTest {
    @Test
    fun model() {
        Config().model shouldBe "deepseek-chat"
    }
}
`;
const BRANCH = 'fun pick(m: String): Int {\n    if (m == "deepseek-chat") return 1\n    return 2\n}\n';

describe.concurrent("advice of a comparison that keeps the old ID", () => {
  it("an assertion (a Kotest infix matcher) expects the renamed value of the code under test", async () => {
    const file = "src/test/kotlin/ConfigTest.kt";
    const [f] = await findingsOf({ [file]: KOTLIN_TEST }, file, "deepseek-chat");
    expect(f!.fix).toBe("none");
    expect(f!.advice).toMatch(/^An assertion: it checks the value the code under test gives; where that code's ID is renamed, expect deepseek-v4-flash here too/);
  });

  it("control: a branch is extended by hand", async () => {
    const [f] = await findingsOf({ "src/Pick.kt": BRANCH }, "src/Pick.kt", "deepseek-chat");
    expect(f!.fix).toBe("none");
    expect(f!.advice).toMatch(/^Extend the comparison by hand to accept deepseek-v4-flash too/);
  });
});
